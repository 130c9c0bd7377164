//! Which column of a school's spreadsheet holds which field. Headway guesses from the
//! headings; the school confirms or corrects the guess on screen, and the confirmed mapping
//! is remembered (as JSON) for the school's next upload while its headings still fit.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field a results spreadsheet must provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The pupil's id as the school's MIS knows it: the pupil's OneRoster `sourcedId`.
    Pupil,
    /// The subject's code.
    Subject,
    /// The assessment point's id (its OneRoster category `sourcedId`).
    Assessment,
    /// The score, a number on the assessment point's scale.
    Score,
    /// The academic year's name (an attendance sheet).
    Year,
    /// The sessions the pupil could have attended that year.
    Possible,
    /// The sessions the pupil attended.
    Attended,
    /// The pupil's exclusions that year (optional: none when unmapped or blank).
    Exclusions,
    /// The pupil's behaviour incidents that year (optional, likewise).
    Incidents,
}

/// What a spreadsheet holds: one result a row, or one pupil's attendance in a year a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SheetKind {
    Results,
    Attendance,
}

impl SheetKind {
    /// The kind's name where it is kept and in addresses.
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Results => "results",
            SheetKind::Attendance => "attendance",
        }
    }

    pub fn from_name(name: &str) -> Option<SheetKind> {
        [SheetKind::Results, SheetKind::Attendance]
            .into_iter()
            .find(|k| k.name() == name)
    }

    /// The fields of a sheet of this kind, in the order they are shown.
    pub fn fields(self) -> &'static [Field] {
        match self {
            SheetKind::Results => &Field::ALL,
            SheetKind::Attendance => &Field::ATTENDANCE,
        }
    }
}

impl Field {
    /// Every field, in the order they are shown; all are required.
    pub const ALL: [Field; 4] = [
        Field::Pupil,
        Field::Subject,
        Field::Assessment,
        Field::Score,
    ];

    /// Every field of an attendance sheet, in the order they are shown.
    pub const ATTENDANCE: [Field; 6] = [
        Field::Pupil,
        Field::Year,
        Field::Possible,
        Field::Attended,
        Field::Exclusions,
        Field::Incidents,
    ];

    /// Whether a sheet may leave this field unmapped.
    pub fn optional(self) -> bool {
        matches!(self, Field::Exclusions | Field::Incidents)
    }

    /// The field's name: its key in the remembered JSON, and the column of a problem about
    /// the mapping itself.
    pub fn name(self) -> &'static str {
        match self {
            Field::Pupil => "pupil",
            Field::Subject => "subject",
            Field::Assessment => "assessment",
            Field::Score => "score",
            Field::Year => "year",
            Field::Possible => "possible",
            Field::Attended => "attended",
            Field::Exclusions => "exclusions",
            Field::Incidents => "incidents",
        }
    }

    /// Headings (normalised, see [`normalise`]) that usually hold this field, the most
    /// telling first.
    fn usual_headings(self) -> &'static [&'static str] {
        match self {
            Field::Pupil => &[
                "sourcedid",
                "studentsourcedid",
                "pupilid",
                "studentid",
                "learnerid",
                "upn",
                "pupil",
                "student",
                "learner",
            ],
            Field::Subject => &["subjectcode", "subject", "coursecode", "course"],
            Field::Assessment => &[
                "assessmentpoint",
                "assessmentpointid",
                "assessment",
                "assessmentid",
                "lineitem",
                "lineitemsourcedid",
                "test",
            ],
            Field::Score => &["score", "mark", "marks", "result", "grade", "points"],
            Field::Year => &["academicyear", "schoolyear", "year"],
            Field::Possible => &[
                "sessionspossible",
                "possiblesessions",
                "possible",
                "sessions",
            ],
            Field::Attended => &[
                "sessionsattended",
                "attendedsessions",
                "attended",
                "present",
                "sessionspresent",
            ],
            Field::Exclusions => &[
                "exclusions",
                "exclusion",
                "suspensions",
                "fixedtermexclusions",
            ],
            Field::Incidents => &[
                "incidents",
                "behaviourincidents",
                "behaviorincidents",
                "behaviour",
                "incident",
            ],
        }
    }
}

/// A heading reduced for comparison: lower case, without spaces, underscores, hyphens or
/// full stops (`Pupil_ID`, `pupil id` and `PupilId` are the same).
fn normalise(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column heading holds each field. A field without a heading is unmapped.
///
/// As JSON: `{"pupil":"UPN","subject":"Subject","assessment":"Assessment","score":"Mark"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColumnMapping {
    columns: BTreeMap<Field, String>,
}

impl ColumnMapping {
    /// Headway's guess from the headings: each field gets the first heading that usually
    /// holds it, and no heading is given to two fields. Fields with no such heading are
    /// left unmapped.
    pub fn guess(headings: &[String]) -> ColumnMapping {
        ColumnMapping::guess_for(SheetKind::Results, headings)
    }

    /// [`ColumnMapping::guess`] for the fields of a sheet of `kind`.
    pub fn guess_for(kind: SheetKind, headings: &[String]) -> ColumnMapping {
        let normalised: Vec<String> = headings.iter().map(|h| normalise(h)).collect();
        let mut mapping = ColumnMapping::default();
        for &field in kind.fields() {
            let found = field.usual_headings().iter().find_map(|usual| {
                normalised.iter().zip(headings).find(|(n, heading)| {
                    n == usual && !mapping.columns.values().any(|taken| taken == *heading)
                })
            });
            if let Some((_, heading)) = found {
                mapping.set(field, heading);
            }
        }
        mapping
    }

    /// Maps `field` to the column headed `heading`.
    pub fn set(&mut self, field: Field, heading: &str) {
        self.columns.insert(field, heading.trim().to_owned());
    }

    /// Leaves `field` unmapped.
    pub fn unset(&mut self, field: Field) {
        self.columns.remove(&field);
    }

    /// The heading of the column holding `field`, if it is mapped.
    pub fn column(&self, field: Field) -> Option<&str> {
        self.columns.get(&field).map(String::as_str)
    }

    /// The position among `headings` of the column holding `field`: the first column with
    /// exactly that heading.
    pub fn position(&self, field: Field, headings: &[String]) -> Option<usize> {
        let heading = self.column(field)?;
        headings.iter().position(|h| h == heading)
    }

    /// The fields this mapping cannot find in a sheet with `headings`: unmapped, or mapped
    /// to a heading the sheet does not have.
    pub fn missing_fields(&self, headings: &[String]) -> Vec<Field> {
        self.missing_fields_for(SheetKind::Results, headings)
    }

    /// The fields of a sheet of `kind` this mapping cannot find (an optional field left
    /// unmapped is not missing; one mapped to a heading the sheet lacks is).
    pub fn missing_fields_for(&self, kind: SheetKind, headings: &[String]) -> Vec<Field> {
        kind.fields()
            .iter()
            .copied()
            .filter(|f| self.position(*f, headings).is_none())
            .filter(|f| !(f.optional() && self.column(*f).is_none()))
            .collect()
    }

    /// Whether every field is mapped to a heading this sheet has: a remembered mapping is
    /// used again only when it fits.
    pub fn fits(&self, headings: &[String]) -> bool {
        self.missing_fields(headings).is_empty()
    }

    /// [`ColumnMapping::fits`] for a sheet of `kind`.
    pub fn fits_for(&self, kind: SheetKind, headings: &[String]) -> bool {
        self.missing_fields_for(kind, headings).is_empty()
    }

    /// The mapping as remembered for a school.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a map of field names to strings is valid JSON")
    }

    /// A remembered mapping; an error when the text is not one (then guess afresh).
    pub fn from_json(json: &str) -> Result<ColumnMapping, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn typical_headings_are_guessed_whatever_their_case_spaces_and_underscores() {
        let sheet = headings(&["UPN", "Surname", "Subject", "Assessment", "Mark"]);
        let guess = ColumnMapping::guess(&sheet);
        assert_eq!(guess.column(Field::Pupil), Some("UPN"));
        assert_eq!(guess.column(Field::Subject), Some("Subject"));
        assert_eq!(guess.column(Field::Assessment), Some("Assessment"));
        assert_eq!(guess.column(Field::Score), Some("Mark"));
        assert!(guess.fits(&sheet));

        let sheet = headings(&[
            "student_ID",
            "COURSE",
            "Assessment Point",
            "points",
            "Notes",
        ]);
        let guess = ColumnMapping::guess(&sheet);
        assert_eq!(guess.column(Field::Pupil), Some("student_ID"));
        assert_eq!(guess.column(Field::Subject), Some("COURSE"));
        assert_eq!(guess.column(Field::Assessment), Some("Assessment Point"));
        assert_eq!(guess.column(Field::Score), Some("points"));

        let sheet = headings(&["sourcedId", "Subject Code", "lineItem", "Result"]);
        assert!(ColumnMapping::guess(&sheet).fits(&sheet));
    }

    #[test]
    fn a_pupil_id_heading_is_preferred_to_upn_and_unknown_headings_stay_unmapped() {
        let sheet = headings(&["UPN", "Pupil ID", "Paper", "Total"]);
        let guess = ColumnMapping::guess(&sheet);
        assert_eq!(guess.column(Field::Pupil), Some("Pupil ID"));
        assert_eq!(guess.column(Field::Assessment), None);
        assert_eq!(guess.column(Field::Score), None);
        assert_eq!(
            guess.missing_fields(&sheet),
            [Field::Subject, Field::Assessment, Field::Score]
        );
        assert!(!guess.fits(&sheet));
    }

    #[test]
    fn a_remembered_mapping_that_no_longer_fits_names_the_fields_it_cannot_find() {
        let remembered = ColumnMapping::guess(&headings(&["UPN", "Subject", "Test", "Mark"]));
        let renamed = headings(&["UPN", "Subject", "Test", "Score"]);
        assert!(!remembered.fits(&renamed));
        assert_eq!(remembered.missing_fields(&renamed), [Field::Score]);
        let same = headings(&["Mark", "Test", "Extra", "Subject", "UPN"]);
        assert!(remembered.fits(&same));
    }

    #[test]
    fn a_mapping_is_remembered_as_json_by_field_name() {
        let mut mapping = ColumnMapping::default();
        mapping.set(Field::Pupil, "UPN");
        mapping.set(Field::Score, " Mark ");
        let json = mapping.to_json();
        assert_eq!(json, r#"{"pupil":"UPN","score":"Mark"}"#);
        assert_eq!(ColumnMapping::from_json(&json).unwrap(), mapping);
        for field in Field::ALL {
            let key = serde_json::to_string(&field).unwrap();
            assert_eq!(key, format!("\"{}\"", field.name()));
        }
        assert!(ColumnMapping::from_json("not json").is_err());
        mapping.unset(Field::Score);
        assert_eq!(mapping.column(Field::Score), None);
    }
}
