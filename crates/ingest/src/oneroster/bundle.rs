//! The files of a bundle, from a zip or a folder. A zip is read with care, within the
//! [`Limits`]: only stored or deflated entries; names that stay inside the bundle, are not
//! absolute and are not given twice; a cap on the number of entries, on each entry's
//! unpacked size and on the whole bundle's, counted while unpacking (the sizes a zip
//! declares can lie), so a zip bomb is refused before it fills memory.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::limits::Limits;
use crate::reason::Reason;
use thiserror::Error;

/// A bundle's CSV files by name (`results.csv`), their bytes as sent, and the limits they
/// were read under (which reading the CSV keeps to as well).
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
    pub limits: Limits,
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
    #[error("the zip entry `{0}` has an absolute name; it is refused")]
    AbsoluteName(String),
    #[error("the bundle holds `{first}` and `{second}`: one file given twice; it is refused")]
    DuplicateName { first: String, second: String },
    #[error(
        "the zip entry `{0}` uses a compression method other than deflate; save the zip again with ordinary (deflate) compression"
    )]
    Compression(String),
    #[error("the bundle is larger than {cap} bytes uncompressed; it is refused")]
    TooLarge { cap: u64 },
    #[error("the file `{name}` is larger than {cap} bytes uncompressed; it is refused")]
    EntryTooLarge { name: String, cap: u64 },
    #[error("the zip holds more than {max} entries; it is refused")]
    TooManyEntries { max: u64 },
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
            BundleError::AbsoluteName(name) => {
                crate::reason!("bundle-absolute-name", name = name)
            }
            BundleError::DuplicateName { first, second } => {
                crate::reason!("bundle-duplicate-name", first = first, second = second)
            }
            BundleError::Compression(name) => crate::reason!("bundle-compression", name = name),
            BundleError::TooLarge { cap } => crate::reason!("bundle-too-large", cap = cap),
            BundleError::EntryTooLarge { name, cap } => {
                crate::reason!("bundle-entry-too-large", name = name, cap = cap)
            }
            BundleError::TooManyEntries { max } => {
                crate::reason!("bundle-too-many-entries", max = max)
            }
            BundleError::NoManifest => crate::reason!("bundle-no-manifest"),
        }
    }
}

/// Whether a zip entry's name is absolute: `/x.csv`, `\\server\x.csv`, `C:x.csv`.
fn is_absolute(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with(['/', '\\']) || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// The files read so far, refusing a second file of the same name (compared without the
/// folders and ignoring case: `z/Users.csv` would otherwise stand in for `users.csv`) and
/// anything beyond the limits on size.
struct Files<'l> {
    files: BTreeMap<String, Vec<u8>>,
    /// Each file's name in lower case, and its name as the zip gave it.
    names: BTreeMap<String, String>,
    total: u64,
    limits: &'l Limits,
}

impl Files<'_> {
    /// Checks `name` (as given, and the file name it stands for) before its bytes are read.
    fn claim(&mut self, given: &str, file_name: &str) -> Result<(), BundleError> {
        match self.names.entry(file_name.to_lowercase()) {
            Entry::Occupied(first) => Err(BundleError::DuplicateName {
                first: first.get().clone(),
                second: given.to_owned(),
            }),
            Entry::Vacant(slot) => {
                slot.insert(given.to_owned());
                Ok(())
            }
        }
    }

    /// Reads one file, at most to the limits, plus one byte to notice excess.
    fn read(&mut self, given: &str, file_name: String, from: impl Read) -> Result<(), BundleError> {
        let left = self.limits.max_unpacked_bytes.saturating_sub(self.total);
        let most = self.limits.max_entry_bytes.min(left);
        let mut bytes = Vec::new();
        from.take(most.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| BundleError::Zip(e.to_string()))?;
        let size = bytes.len() as u64;
        if size > self.limits.max_entry_bytes {
            return Err(BundleError::EntryTooLarge {
                name: given.to_owned(),
                cap: self.limits.max_entry_bytes,
            });
        }
        self.total += size;
        if self.total > self.limits.max_unpacked_bytes {
            return Err(BundleError::TooLarge {
                cap: self.limits.max_unpacked_bytes,
            });
        }
        self.files.insert(file_name, bytes);
        Ok(())
    }

    fn bundle(self) -> Result<Bundle, BundleError> {
        if !self.files.contains_key("manifest.csv") {
            return Err(BundleError::NoManifest);
        }
        Ok(Bundle {
            files: self.files,
            limits: *self.limits,
        })
    }
}

fn is_csv(file_name: &str) -> bool {
    file_name.to_ascii_lowercase().ends_with(".csv")
}

impl Bundle {
    /// A zip file or a folder of CSV files, read within `limits`.
    pub fn open(path: &Path, limits: &Limits) -> Result<Bundle, BundleError> {
        let io = |source| BundleError::Io {
            path: path.to_path_buf(),
            source,
        };
        if !path.is_dir() {
            let bytes = std::fs::read(path).map_err(io)?;
            return Bundle::from_zip(&bytes, limits);
        }
        let mut files = Files {
            files: BTreeMap::new(),
            names: BTreeMap::new(),
            total: 0,
            limits,
        };
        for entry in std::fs::read_dir(path).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_csv(&name) || !entry.path().is_file() {
                continue;
            }
            if files.names.len() as u64 >= limits.max_zip_entries {
                return Err(BundleError::TooManyEntries {
                    max: limits.max_zip_entries,
                });
            }
            files.claim(&name, &name)?;
            let file = std::fs::File::open(entry.path()).map_err(io)?;
            files.read(&name, name.clone(), file)?;
        }
        files.bundle()
    }

    /// The CSV files of a zip held in memory (an upload), read within `limits`.
    pub fn from_zip(bytes: &[u8], limits: &Limits) -> Result<Bundle, BundleError> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| BundleError::Zip(e.to_string()))?;
        if archive.len() as u64 > limits.max_zip_entries {
            return Err(BundleError::TooManyEntries {
                max: limits.max_zip_entries,
            });
        }
        let mut files = Files {
            files: BTreeMap::new(),
            names: BTreeMap::new(),
            total: 0,
            limits,
        };
        for index in 0..archive.len() {
            let entry = archive
                .by_index(index)
                .map_err(|e| BundleError::Zip(e.to_string()))?;
            let raw_name = entry
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from("(a name that is not text)"));
            if is_absolute(&raw_name) {
                return Err(BundleError::AbsoluteName(raw_name));
            }
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
            if !is_csv(&file_name) {
                continue;
            }
            files.claim(&raw_name, &file_name)?;
            files.read(&raw_name, file_name, entry)?;
        }
        files.bundle()
    }
}
