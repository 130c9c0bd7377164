//! The observation framework as data: a versioned TOML file
//! (`instruments/observation/v<version>.toml`) of strands and their look-fors, every text in
//! English and Welsh, each strand naming the sources it rests on.
//!
//! A framework holds no scale, grade or score: observation is for dialogue about learning
//! and teaching (EVIDENCE.md §10, "not surveillance"), so a file that adds one is refused
//! as an unknown field.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::text::Text;

/// Headway's own framework, as shipped.
pub const BUILT_IN_TOML: &str = include_str!("../../../../instruments/observation/v1.toml");

/// The built-in framework, parsed once. The file is checked by this module's tests, so
/// failing to parse it is a bug in the release, not a runtime condition.
pub fn built_in() -> &'static Framework {
    static BUILT_IN: OnceLock<Framework> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        Framework::from_toml_str(BUILT_IN_TOML).unwrap_or_else(|error| {
            panic!("the built-in observation framework is invalid: {error}")
        })
    })
}

/// A strand's identifier within its framework (`checking_learning`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StrandId(pub String);

impl fmt::Display for StrandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strand {
    pub id: StrandId,
    pub name: Text,
    /// Where the strand comes from (sections of EVIDENCE.md), shown with it.
    pub sources: Vec<String>,
    /// What an observer may look for, in order.
    pub look_fors: Vec<Text>,
}

/// A checked framework: at least one strand, each with a look-for, every text in English
/// and Welsh.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub introduction: Text,
    strands: Vec<Strand>,
}

impl Framework {
    /// Parses and checks a framework file, reporting every problem found at once.
    pub fn from_toml_str(source: &str) -> Result<Framework, FrameworkError> {
        let file: FrameworkFile = toml::from_str(source)?;
        file.check()
    }

    /// Strands in file order.
    pub fn strands(&self) -> &[Strand] {
        &self.strands
    }

    pub fn strand(&self, id: &str) -> Option<&Strand> {
        self.strands.iter().find(|strand| strand.id.0 == id)
    }
}

/// Why a framework file was refused.
#[derive(Debug, Error)]
pub enum FrameworkError {
    /// Not valid TOML, or a field of the wrong shape or unknown (a `grades` table, say);
    /// the message names line and column.
    #[error("the framework file could not be read: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the framework file has {} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FrameworkProblem>),
}

/// One thing wrong with a framework file, said so that its author can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrameworkProblem {
    #[error("`id` is empty")]
    EmptyId,
    #[error("`version` must be 1 or more")]
    ZeroVersion,
    #[error("the framework has no strands")]
    NoStrands,
    #[error("strand `{0}` is listed more than once")]
    DuplicateStrand(String),
    #[error("strand `{0}` has no look-fors")]
    NoLookFors(String),
    #[error("strand `{0}` names no source")]
    NoSources(String),
    #[error("{place} has no text in {}", .languages.join(" and "))]
    MissingText {
        place: String,
        languages: Vec<&'static str>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    id: String,
    version: u32,
    title: Text,
    introduction: Text,
    strands: Vec<StrandFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrandFile {
    id: String,
    sources: Vec<String>,
    name: Text,
    look_fors: Vec<Text>,
}

impl FrameworkFile {
    fn check(self) -> Result<Framework, FrameworkError> {
        let mut problems = Vec::new();
        let mut text = |place: String, text: &Text| {
            let languages = text.missing_languages();
            if !languages.is_empty() {
                problems.push(FrameworkProblem::MissingText { place, languages });
            }
        };
        text("`title`".into(), &self.title);
        text("`introduction`".into(), &self.introduction);
        for strand in &self.strands {
            text(format!("strand `{}`", strand.id), &strand.name);
            for (i, look_for) in strand.look_fors.iter().enumerate() {
                text(
                    format!("look-for {} of strand `{}`", i + 1, strand.id),
                    look_for,
                );
            }
        }
        if self.id.trim().is_empty() {
            problems.push(FrameworkProblem::EmptyId);
        }
        if self.version == 0 {
            problems.push(FrameworkProblem::ZeroVersion);
        }
        if self.strands.is_empty() {
            problems.push(FrameworkProblem::NoStrands);
        }
        let mut seen = BTreeSet::new();
        for strand in &self.strands {
            if !seen.insert(strand.id.as_str()) {
                problems.push(FrameworkProblem::DuplicateStrand(strand.id.clone()));
            }
            if strand.look_fors.is_empty() {
                problems.push(FrameworkProblem::NoLookFors(strand.id.clone()));
            }
            if strand.sources.iter().all(|s| s.trim().is_empty()) {
                problems.push(FrameworkProblem::NoSources(strand.id.clone()));
            }
        }
        if !problems.is_empty() {
            return Err(FrameworkError::Invalid(problems));
        }
        Ok(Framework {
            id: self.id,
            version: self.version,
            title: self.title,
            introduction: self.introduction,
            strands: self
                .strands
                .into_iter()
                .map(|s| Strand {
                    id: StrandId(s.id),
                    name: s.name,
                    sources: s.sources,
                    look_fors: s.look_fors,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_framework_is_valid_with_every_text_in_english_and_welsh() {
        let framework = Framework::from_toml_str(BUILT_IN_TOML).unwrap();
        assert!(framework.strands().len() >= 4);
        for strand in framework.strands() {
            assert!(strand.name.missing_languages().is_empty());
            assert!(!strand.look_fors.is_empty(), "{}", strand.id);
            assert!(
                strand.sources.iter().all(|s| s.starts_with('§')),
                "{}: sources name sections of the evidence notes",
                strand.id
            );
        }
        assert!(framework.strand("checking_learning").is_some());
        assert!(framework.strand("no_such_strand").is_none());
    }

    #[test]
    fn every_built_in_strand_has_its_sources_in_the_documentation() {
        let doc = include_str!("../../../../docs/observation-framework.md");
        for strand in built_in().strands() {
            assert!(
                doc.contains(&format!("`{}`", strand.id)),
                "docs/observation-framework.md does not explain strand `{}`",
                strand.id
            );
        }
    }

    #[test]
    fn a_framework_that_grades_lessons_is_refused() {
        let graded = format!("{BUILT_IN_TOML}\n[grades]\nmin = 1\nmax = 4\n",);
        let error = Framework::from_toml_str(&graded).unwrap_err();
        assert!(matches!(error, FrameworkError::Syntax(_)), "{error}");
        assert!(error.to_string().contains("grades"), "{error}");
        let scored_strand =
            BUILT_IN_TOML.replacen("id = \"clear_goals\"", "id = \"clear_goals\"\nscale = 4", 1);
        assert!(Framework::from_toml_str(&scored_strand).is_err());
    }

    #[test]
    fn every_problem_of_a_bad_file_is_reported_at_once() {
        let source = r#"
id = ""
version = 0
title = { en = "T" }
introduction = { en = "I", cy = "C" }
[[strands]]
id = "a"
sources = []
name = { en = "A", cy = "A" }
look_fors = []
[[strands]]
id = "a"
sources = ["§1"]
name = { en = "A", cy = "A" }
look_fors = [{ en = "x", cy = "" }]
"#;
        let Err(FrameworkError::Invalid(problems)) = Framework::from_toml_str(source) else {
            panic!("refused as invalid");
        };
        for expected in [
            FrameworkProblem::EmptyId,
            FrameworkProblem::ZeroVersion,
            FrameworkProblem::DuplicateStrand("a".into()),
            FrameworkProblem::NoLookFors("a".into()),
            FrameworkProblem::NoSources("a".into()),
        ] {
            assert!(problems.contains(&expected), "{expected}: {problems:?}");
        }
        assert!(problems.iter().any(|p| matches!(
            p,
            FrameworkProblem::MissingText { place, languages } if place == "`title`" && languages == &vec!["cy"]
        )));
        assert!(problems.iter().any(|p| matches!(
            p,
            FrameworkProblem::MissingText { place, .. } if place.starts_with("look-for 1")
        )));
    }
}
