//! The deployment's measure set, as web and CLI use it: subjects named in the reader's
//! language by their code (falling back to the stored name), grades shown by their labels,
//! and pupil groups by the measure set's names (eFSM, ALN in Wales; FSM, SEN in England).

use std::collections::HashMap;

use headway_domain::measures::{ContextGroup, MeasureSet};

/// Subjects' names in the reader's language, read once for a page.
#[derive(Debug, Clone)]
pub struct SubjectNames {
    set: &'static MeasureSet,
    language: &'static str,
    /// Subject id → (code, stored name).
    by_id: HashMap<i64, (String, String)>,
    /// Stored name → code, for pages that hold only a subject's name.
    code_of_name: HashMap<String, String>,
}

impl SubjectNames {
    /// From (id, code, stored name) of each subject.
    pub fn new(
        set: &'static MeasureSet,
        language: &'static str,
        subjects: impl IntoIterator<Item = (i64, String, String)>,
    ) -> SubjectNames {
        let mut by_id = HashMap::new();
        let mut code_of_name = HashMap::new();
        for (id, code, name) in subjects {
            code_of_name.insert(name.clone(), code.clone());
            by_id.insert(id, (code, name));
        }
        SubjectNames {
            set,
            language,
            by_id,
            code_of_name,
        }
    }

    pub fn measure_set(&self) -> &'static MeasureSet {
        self.set
    }

    /// The subject's code (`MAT`), which a measure names it by; `None` for a subject not
    /// stored.
    pub fn code(&self, id: i64) -> Option<&str> {
        self.by_id.get(&id).map(|(code, _)| code.as_str())
    }

    /// The subject's name: the measure set's, in the reader's language, else the stored one.
    pub fn of(&self, id: i64, stored: &str) -> String {
        self.by_id
            .get(&id)
            .and_then(|(code, _)| self.set.subject_name(code, self.language))
            .unwrap_or(stored)
            .to_owned()
    }

    /// The same for a subject known by its code (a plan's measure names its subject so).
    pub fn of_code(&self, code: &str) -> String {
        self.set
            .subject_name(code, self.language)
            .map_or_else(|| code.to_owned(), str::to_owned)
    }

    /// The same for a page that holds only the stored name.
    pub fn of_name(&self, stored: &str) -> String {
        self.code_of_name
            .get(stored)
            .and_then(|code| self.set.subject_name(code, self.language))
            .unwrap_or(stored)
            .to_owned()
    }

    /// Whether the subject's results are grades of the outcome scale (not the baseline's
    /// scores nor the headline's points).
    pub fn is_graded(&self, id: i64) -> bool {
        self.by_id.get(&id).is_some_and(|(code, _)| {
            *code != self.set.baseline.subject && *code != self.set.headline.subject
        })
    }

    /// A result for people: a graded subject's whole grade by its label with the value it
    /// is stored as (`C (5)`, `A* (8)`; `7` where the label is the value), anything else by
    /// `number`.
    pub fn score(&self, subject: i64, score: f64, number: impl FnOnce(f64) -> String) -> String {
        match self.set.grade(score).filter(|_| self.is_graded(subject)) {
            Some(grade) if grade.label == format!("{score}") => grade.label.clone(),
            Some(grade) => format!("{} ({score})", grade.label),
            None => number(score),
        }
    }

    /// The measure set's name of a breakdown row's group (`group-sen-plan` → "ALN with an
    /// IDP"), if it names that group.
    pub fn group(&self, row_key: &str) -> Option<&'static str> {
        ContextGroup::from_row_key(row_key)
            .map(|group| self.set.group_name(group).get(self.language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_domain::measures::{ENGLAND, WALES, built_in};

    fn names(key: &str, language: &'static str) -> SubjectNames {
        SubjectNames::new(
            built_in(key).unwrap(),
            language,
            [
                (1, "MAT".into(), "Mathematics".into()),
                (2, "HIS".into(), "History".into()),
                (3, "CAP9".into(), "Capped 9 points score".into()),
                (4, "NPA".into(), "National Personalised Assessments".into()),
            ],
        )
    }

    #[test]
    fn subjects_are_named_in_the_readers_language_or_as_stored() {
        let cy = names(WALES, "cy");
        assert_eq!(cy.of(1, "Mathematics"), "Mathemateg");
        assert_eq!(cy.of(2, "History"), "History", "not in the catalogue");
        assert_eq!(cy.of(9, "Unknown"), "Unknown", "not in the store");
        assert_eq!(cy.of_name("Mathematics"), "Mathemateg");
        assert_eq!(cy.of(3, "x"), "Sgôr pwyntiau wedi'i gapio 9");
        assert_eq!(names(WALES, "en").of(1, "Maths"), "Mathematics");
    }

    #[test]
    fn grades_show_by_label_only_in_graded_subjects() {
        let wales = names(WALES, "en");
        let number = |v: f64| format!("{v:.1}");
        assert_eq!(wales.score(1, 8.0, number), "A* (8)");
        assert_eq!(wales.score(1, 5.0, number), "C (5)");
        assert_eq!(wales.score(1, 0.0, number), "U (0)");
        assert_eq!(wales.score(1, 4.5, number), "4.5", "between grades");
        assert_eq!(wales.score(3, 8.0, number), "8.0", "the headline's points");
        assert_eq!(wales.score(4, 5.0, number), "5.0", "a baseline score");
        assert_eq!(names(ENGLAND, "en").score(1, 5.0, number), "5");
    }

    #[test]
    fn groups_take_the_measure_sets_names() {
        assert_eq!(
            names(WALES, "en").group("group-sen-plan"),
            Some("ALN with an IDP")
        );
        assert_eq!(
            names(WALES, "cy").group("group-sen-plan"),
            Some("ADY gyda CDU")
        );
        assert!(
            names(ENGLAND, "en")
                .group("group-sen-plan")
                .unwrap()
                .contains("EHCP")
        );
        assert_eq!(names(WALES, "en").group("group-eal"), None);
    }
}
