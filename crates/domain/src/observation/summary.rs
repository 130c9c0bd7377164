//! What leaders see of a school's observations: counts by strand, each resting on at least
//! k teachers (`crate::anonymity`), no teacher named. There is no score to average: the
//! framework grades nothing, so the figures are how much observation each strand had, and
//! of how many teachers.
//!
//! No total is shown — neither of records nor of teachers — so a hidden strand's figures
//! cannot be worked out by subtracting the shown strands from a total; and a teacher can
//! be observed in several strands, so the shown strands' teachers add up to nothing that
//! isolates another strand.

use std::collections::{BTreeMap, BTreeSet};

use crate::anonymity::{CellVisibility, Threshold, overlapping_cells_to_show};
use crate::ids::{PersonId, SubjectId};

use super::framework::Framework;
use super::record::Kind;

/// One record as the summary counts it: its strand, its teacher and its kind. Nothing
/// else of a record reaches the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub strand: String,
    pub teacher: PersonId,
    pub kind: Kind,
}

/// A strand's row: shown only when enough teachers are behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrandRow {
    pub strand: String,
    pub visibility: CellVisibility,
    /// Learning-walk visits in this strand (when shown).
    pub walks: Option<u32>,
    /// Developmental, peer and self-reflective observations in this strand (when shown).
    pub observations: Option<u32>,
    /// Distinct teachers behind the row (when shown).
    pub teachers: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrandSummary {
    pub rows: Vec<StrandRow>,
    pub threshold: Threshold,
}

/// The school's observations by strand of `framework`, in its order.
pub fn by_strand(
    framework: &Framework,
    records: &[Counted],
    threshold: Threshold,
) -> StrandSummary {
    let rows = framework
        .strands()
        .iter()
        .map(|strand| {
            let in_strand = records.iter().filter(|r| r.strand == strand.id.0);
            let teachers = in_strand
                .clone()
                .map(|r| r.teacher)
                .collect::<BTreeSet<PersonId>>()
                .len() as u32;
            // An empty strand says only that nobody was observed in it.
            let visibility = if teachers == 0 || threshold.allows(teachers) {
                CellVisibility::Shown
            } else {
                CellVisibility::TooFew
            };
            let walks = in_strand
                .clone()
                .filter(|r| r.kind == Kind::LearningWalk)
                .count() as u32;
            let all = in_strand.count() as u32;
            let shown = visibility.is_shown();
            StrandRow {
                strand: strand.id.0.clone(),
                visibility,
                walks: shown.then_some(walks),
                observations: shown.then_some(all - walks),
                teachers: shown.then_some(teachers),
            }
        })
        .collect();
    StrandSummary { rows, threshold }
}

/// One department's observations by strand: the records about its teachers (those who
/// teach a class of its subject), counted as [`by_strand`] counts the school's.
///
/// The school's summary is shown beside it, so the departments a reader may open
/// (`visible`: every department for the head, their own for a head of department) are a
/// fixed breakdown of the school's row, decided together by the one anonymity module: a
/// department's row needs k teachers behind it, the school's row too, and so do the
/// teachers left once every shown department is taken from the school's (complementary
/// suppression, `anonymity::overlapping_cells_to_show`, as a teacher may teach in two
/// departments) — else "the school minus the departments shown" would give away a small
/// group. A department the reader cannot open gives nothing away to them, so it does not
/// hide theirs.
pub fn by_strand_in_department(
    framework: &Framework,
    records: &[Counted],
    departments: &BTreeMap<SubjectId, BTreeSet<PersonId>>,
    visible: &BTreeSet<SubjectId>,
    department: SubjectId,
    threshold: Threshold,
) -> StrandSummary {
    let empty = BTreeSet::new();
    let ours = departments.get(&department).unwrap_or(&empty);
    let rows = framework
        .strands()
        .iter()
        .map(|strand| {
            let in_strand: Vec<&Counted> =
                records.iter().filter(|r| r.strand == strand.id.0).collect();
            let everyone: BTreeSet<PersonId> = in_strand.iter().map(|r| r.teacher).collect();
            let cells: Vec<(&SubjectId, BTreeSet<PersonId>)> = departments
                .iter()
                .filter(|(subject, _)| visible.contains(subject) || **subject == department)
                .map(|(subject, teachers)| {
                    (subject, everyone.intersection(teachers).copied().collect())
                })
                .collect();
            let people: Vec<u32> = cells.iter().map(|(_, t)| t.len() as u32).collect();
            let shown = overlapping_cells_to_show(&people, threshold, |hidden| {
                let mut left = everyone.clone();
                for (i, (_, teachers)) in cells.iter().enumerate() {
                    if !hidden.contains(&i) {
                        left.retain(|p| !teachers.contains(p));
                    }
                }
                left.len() as u32
            });
            let ours_in_strand: Vec<&&Counted> = in_strand
                .iter()
                .filter(|r| ours.contains(&r.teacher))
                .collect();
            let teachers = ours_in_strand
                .iter()
                .map(|r| r.teacher)
                .collect::<BTreeSet<_>>()
                .len() as u32;
            let visibility = if teachers == 0 {
                // Nobody of the department observed in it: says only that.
                CellVisibility::Shown
            } else if !threshold.allows(everyone.len() as u32) {
                CellVisibility::TooFew
            } else {
                cells
                    .iter()
                    .zip(&shown)
                    .find(|((subject, _), _)| **subject == department)
                    .map_or(CellVisibility::TooFew, |(_, v)| *v)
            };
            let walks = ours_in_strand
                .iter()
                .filter(|r| r.kind == Kind::LearningWalk)
                .count() as u32;
            let all = ours_in_strand.len() as u32;
            let is_shown = visibility.is_shown();
            StrandRow {
                strand: strand.id.0.clone(),
                visibility,
                walks: is_shown.then_some(walks),
                observations: is_shown.then_some(all - walks),
                teachers: is_shown.then_some(teachers),
            }
        })
        .collect();
    StrandSummary { rows, threshold }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;

    fn record(strand: &str, teacher: i64, kind: Kind) -> Counted {
        Counted {
            strand: strand.into(),
            teacher: PersonId(teacher),
            kind,
        }
    }

    #[test]
    fn a_strand_with_fewer_than_k_teachers_shows_no_figure() {
        let k = Threshold::new(3).unwrap();
        let mut records: Vec<Counted> = (1..=4)
            .map(|t| record("checking_learning", t, Kind::LearningWalk))
            .collect();
        records.push(record("checking_learning", 1, Kind::Developmental));
        records.push(record("dialogue", 1, Kind::Peer));
        records.push(record("dialogue", 2, Kind::Peer));
        let summary = by_strand(built_in(), &records, k);
        let row = |id: &str| summary.rows.iter().find(|r| r.strand == id).unwrap();
        let checking = row("checking_learning");
        assert_eq!(checking.visibility, CellVisibility::Shown);
        assert_eq!(
            (checking.walks, checking.observations, checking.teachers),
            (Some(4), Some(1), Some(4))
        );
        let dialogue = row("dialogue");
        assert_eq!(dialogue.visibility, CellVisibility::TooFew);
        assert_eq!(
            (dialogue.walks, dialogue.observations, dialogue.teachers),
            (None, None, None)
        );
        // An empty strand says only that nobody was observed in it.
        assert_eq!(row("every_pupil").teachers, Some(0));
    }

    #[test]
    fn the_summary_counts_teachers_not_visits_against_k() {
        // Five visits to one teacher are still one teacher.
        let k = Threshold::new(3).unwrap();
        let records: Vec<Counted> = (0..5)
            .map(|_| record("dialogue", 7, Kind::LearningWalk))
            .collect();
        let summary = by_strand(built_in(), &records, k);
        let dialogue = summary
            .rows
            .iter()
            .find(|r| r.strand == "dialogue")
            .unwrap();
        assert_eq!(dialogue.visibility, CellVisibility::TooFew);
        assert_eq!(dialogue.walks, None);
    }

    fn departments(maths: &[i64], english: &[i64]) -> BTreeMap<SubjectId, BTreeSet<PersonId>> {
        let set = |ids: &[i64]| ids.iter().map(|&p| PersonId(p)).collect();
        BTreeMap::from([(SubjectId(1), set(maths)), (SubjectId(2), set(english))])
    }

    #[test]
    fn a_department_counts_its_own_teachers_and_shows_nothing_under_k() {
        let k = Threshold::new(3).unwrap();
        // Maths: teachers 1–4; English: 5–8. Everyone walked for checking learning; only
        // two maths teachers (and four English) in dialogue.
        let mut records: Vec<Counted> = (1..=8)
            .map(|t| record("checking_learning", t, Kind::LearningWalk))
            .collect();
        records.push(record("checking_learning", 2, Kind::Peer));
        for t in [1, 2, 5, 6, 7, 8] {
            records.push(record("dialogue", t, Kind::LearningWalk));
        }
        let depts = departments(&[1, 2, 3, 4], &[5, 6, 7, 8]);
        let all: BTreeSet<SubjectId> = depts.keys().copied().collect();
        let maths = by_strand_in_department(built_in(), &records, &depts, &all, SubjectId(1), k);
        let row =
            |s: &StrandSummary, id: &str| s.rows.iter().find(|r| r.strand == id).cloned().unwrap();
        let checking = row(&maths, "checking_learning");
        assert_eq!(checking.visibility, CellVisibility::Shown);
        assert_eq!(
            (checking.walks, checking.observations, checking.teachers),
            (Some(4), Some(1), Some(4))
        );
        let dialogue = row(&maths, "dialogue");
        assert_eq!(dialogue.visibility, CellVisibility::TooFew);
        assert_eq!((dialogue.walks, dialogue.teachers), (None, None));
        assert_eq!(row(&maths, "every_pupil").teachers, Some(0));
        // English in dialogue has four teachers, but beside the school's six it would give
        // away the two maths teachers: hidden too.
        let english = by_strand_in_department(built_in(), &records, &depts, &all, SubjectId(2), k);
        assert_eq!(
            row(&english, "dialogue").visibility,
            CellVisibility::WouldRevealSmallerGroup
        );
        // The same for the head of English alone: the school's six minus their four.
        let theirs = BTreeSet::from([SubjectId(2)]);
        let english =
            by_strand_in_department(built_in(), &records, &depts, &theirs, SubjectId(2), k);
        assert!(!row(&english, "dialogue").visibility.is_shown());
        // A small department the reader cannot open hides nothing of theirs: with English
        // at two teachers, the head sees neither, the head of mathematics sees mathematics.
        let small = departments(&[1, 2, 3, 4], &[5, 6]);
        let walks: Vec<Counted> = (1..=6)
            .map(|t| record("checking_learning", t, Kind::LearningWalk))
            .collect();
        let all: BTreeSet<SubjectId> = small.keys().copied().collect();
        let for_head = by_strand_in_department(built_in(), &walks, &small, &all, SubjectId(1), k);
        assert!(!row(&for_head, "checking_learning").visibility.is_shown());
        let mine = BTreeSet::from([SubjectId(1)]);
        let for_lead = by_strand_in_department(built_in(), &walks, &small, &mine, SubjectId(1), k);
        assert!(
            !row(&for_lead, "checking_learning").visibility.is_shown(),
            "two left over"
        );
        // Mathematics 3, English 4, science 1: the head, who also sees English, would
        // derive science from the school minus both; the head of mathematics cannot.
        let eight: Vec<Counted> = (1..=8)
            .map(|t| record("checking_learning", t, Kind::LearningWalk))
            .collect();
        let wider = BTreeMap::from([
            (SubjectId(1), [1, 2, 3].map(PersonId).into_iter().collect()),
            (
                SubjectId(2),
                [4, 5, 6, 7].map(PersonId).into_iter().collect(),
            ),
            (SubjectId(3), [8].map(PersonId).into_iter().collect()),
        ]);
        let all: BTreeSet<SubjectId> = wider.keys().copied().collect();
        let for_head = by_strand_in_department(built_in(), &eight, &wider, &all, SubjectId(1), k);
        assert_eq!(
            row(&for_head, "checking_learning").visibility,
            CellVisibility::WouldRevealSmallerGroup
        );
        let for_lead = by_strand_in_department(built_in(), &eight, &wider, &mine, SubjectId(1), k);
        assert_eq!(row(&for_lead, "checking_learning").teachers, Some(3));
        assert_eq!(row(&english, "checking_learning").teachers, Some(4));
        // A department nobody teaches in shows only empty rows.
        let none = by_strand_in_department(built_in(), &records, &depts, &all, SubjectId(9), k);
        assert!(none.rows.iter().all(|r| r.teachers == Some(0)));
    }

    #[test]
    fn a_department_is_hidden_when_the_school_row_is() {
        // Three maths teachers observed in a strand, and nobody else: k = 4 hides both.
        let k = Threshold::new(4).unwrap();
        let records: Vec<Counted> = (1..=3).map(|t| record("dialogue", t, Kind::Peer)).collect();
        let depts = departments(&[1, 2, 3], &[]);
        let all: BTreeSet<SubjectId> = depts.keys().copied().collect();
        let maths = by_strand_in_department(built_in(), &records, &depts, &all, SubjectId(1), k);
        let dialogue = maths.rows.iter().find(|r| r.strand == "dialogue").unwrap();
        assert!(!dialogue.visibility.is_shown());
        assert_eq!(dialogue.observations, None);
    }
}
