//! The files of a bundle, from a zip or a folder. A zip is read with care: only stored or
//! deflated entries, names that stay inside the bundle, and a cap on the total
//! uncompressed size (a zip bomb is refused before it fills memory).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::reason::Reason;
use thiserror::Error;

/// The default cap on a bundle's uncompressed size: 1 GiB.
pub const DEFAULT_SIZE_CAP: u64 = 1 << 30;

/// A bundle's CSV files by name (`results.csv`), their bytes as sent.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, Error)]
pub enum BundleError {
    #[error("{path}: cannot be read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the zip file cannot be read: {0}")]
    Zip(String),
    #[error("the zip entry `{0}` would be written outside the bundle; it is refused")]
    UnsafeName(String),
    #[error(
        "the zip entry `{0}` uses a compression method other than deflate; save the zip again with ordinary (deflate) compression"
    )]
    Compression(String),
    #[error("the bundle is larger than {cap} bytes uncompressed; it is refused")]
    TooLarge { cap: u64 },
    #[error("the bundle holds no manifest.csv")]
    NoManifest,
}

impl BundleError {
    /// Why, as a message to show in the reader's language (a folder that cannot be read is
    /// met only on the command line, which reads English).
    pub fn message(&self) -> Reason {
        match self {
            BundleError::Io { .. } => crate::reason!("bundle-io", error = self),
            BundleError::Zip(error) => crate::reason!("bundle-not-zip", error = error),
            BundleError::UnsafeName(name) => crate::reason!("bundle-unsafe-name", name = name),
            BundleError::Compression(name) => crate::reason!("bundle-compression", name = name),
            BundleError::TooLarge { cap } => crate::reason!("bundle-too-large", cap = cap),
            BundleError::NoManifest => crate::reason!("bundle-no-manifest"),
        }
    }
}

impl Bundle {
    /// A zip file or a folder of CSV files.
    pub fn open(path: &Path, cap: u64) -> Result<Bundle, BundleError> {
        let io = |source| BundleError::Io {
            path: path.to_path_buf(),
            source,
        };
        if path.is_dir() {
            let mut files = BTreeMap::new();
            let mut total = 0u64;
            for entry in std::fs::read_dir(path).map_err(io)? {
                let entry = entry.map_err(io)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.to_ascii_lowercase().ends_with(".csv") || !entry.path().is_file() {
                    continue;
                }
                let bytes = std::fs::read(entry.path()).map_err(io)?;
                total += bytes.len() as u64;
                if total > cap {
                    return Err(BundleError::TooLarge { cap });
                }
                files.insert(name, bytes);
            }
            Bundle::checked(files)
        } else {
            let bytes = std::fs::read(path).map_err(io)?;
            Bundle::from_zip(&bytes, cap)
        }
    }

    /// The CSV files of a zip held in memory (an upload).
    pub fn from_zip(bytes: &[u8], cap: u64) -> Result<Bundle, BundleError> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| BundleError::Zip(e.to_string()))?;
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        for index in 0..archive.len() {
            let entry = archive
                .by_index(index)
                .map_err(|e| BundleError::Zip(e.to_string()))?;
            let raw_name = entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from("(a name that is not text)"));
            if entry.is_dir() {
                continue;
            }
            let Some(name) = entry.enclosed_name() else {
                return Err(BundleError::UnsafeName(raw_name));
            };
            if !matches!(
                entry.compression(),
                zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
            ) {
                return Err(BundleError::Compression(raw_name));
            }
            let file_name = name
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !file_name.to_ascii_lowercase().ends_with(".csv") {
                continue;
            }
            // Read at most what is left under the cap, plus one byte to notice excess:
            // the sizes a zip declares can lie.
            let mut bytes = Vec::new();
            entry
                .take(cap - total + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| BundleError::Zip(e.to_string()))?;
            total += bytes.len() as u64;
            if total > cap {
                return Err(BundleError::TooLarge { cap });
            }
            files.insert(file_name, bytes);
        }
        Bundle::checked(files)
    }

    fn checked(files: BTreeMap<String, Vec<u8>>) -> Result<Bundle, BundleError> {
        if !files.contains_key("manifest.csv") {
            return Err(BundleError::NoManifest);
        }
        Ok(Bundle { files })
    }
}
