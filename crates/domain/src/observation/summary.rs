//! What leaders see of a school's observations: counts by strand, each resting on at least
//! k teachers (`crate::anonymity`), no teacher named. There is no score to average: the
//! framework grades nothing, so the figures are how much observation each strand had, and
//! of how many teachers.
//!
//! No total is shown — neither of records nor of teachers — so a hidden strand's figures
//! cannot be worked out by subtracting the shown strands from a total; and a teacher can
//! be observed in several strands, so the shown strands' teachers add up to nothing that
//! isolates another strand.

use std::collections::BTreeSet;

use crate::anonymity::{CellVisibility, Threshold};
use crate::ids::PersonId;

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
}
