//! What stands out in a school's year: the subjects, and the pupil groups within them,
//! whose value added differs from zero beyond its 95% interval (ANALYTICS.md §2.6: every
//! band but "average"), with how many years running it has done so.
//!
//! Only figures the anonymity rules let the progress page show are read: a group hidden
//! there (too few pupils, or one that would reveal a smaller group) never stands out.
//! Headway's own choices here, not the evidence's: largest difference first, and at most
//! [`MAX_GROUPS_PER_SUBJECT`] groups named per subject (the grid shows the rest).

use super::breakdown::{BreakdownRow, GroupBy, RowLabel, SchoolProgress};
use headway_stats::value_added::simple::GroupFigures;

/// The most groups named under one subject.
pub const MAX_GROUPS_PER_SUBJECT: usize = 3;

/// One subject's figures for one year: `subject` an id, `progress` with the pupil-group
/// breakdowns.
pub struct SubjectFigures<'a> {
    pub subject: i64,
    pub progress: &'a SchoolProgress,
}

/// Which side of zero a figure stands out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Below,
    Above,
}

impl Side {
    fn of(figures: &GroupFigures) -> Option<Side> {
        if figures.ci_upper < 0.0 {
            Some(Side::Below)
        } else if figures.ci_lower > 0.0 {
            Some(Side::Above)
        } else {
            None
        }
    }
}

/// A group of pupils within a subject: the breakdown and its row's translation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupKey {
    pub by: GroupBy,
    pub key: &'static str,
}

/// A figure that stands out.
#[derive(Debug, Clone, PartialEq)]
pub struct Standout {
    /// `None` for all the subject's pupils.
    pub group: Option<GroupKey>,
    pub figures: GroupFigures,
    pub pupils: usize,
    pub side: Side,
    /// Years in a row, this one included, that the same figure stood out on the same side.
    pub years_running: usize,
    /// Years with figures for the subject (this one and the earlier years given), so "for
    /// one year" can be told from "no earlier years to compare".
    pub years_known: usize,
}

/// A subject with something standing out: the whole subject, its groups, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectStandout {
    pub subject: i64,
    /// The subject's own figure this year, whether or not it stands out.
    pub whole: Option<GroupFigures>,
    pub whole_stands_out: Option<Standout>,
    /// Largest difference first, at most [`MAX_GROUPS_PER_SUBJECT`].
    pub groups: Vec<Standout>,
    /// Groups that stand out but are not named.
    pub more_groups: usize,
}

impl SubjectStandout {
    /// The largest difference from zero among what stands out.
    fn largest(&self) -> f64 {
        self.whole_stands_out
            .iter()
            .chain(&self.groups)
            .map(|s| s.figures.value_added.abs())
            .fold(0.0, f64::max)
    }
}

/// A shown row's figures, or `None` when hidden.
fn shown(row: &BreakdownRow) -> Option<&GroupFigures> {
    row.visibility
        .is_shown()
        .then_some(row.value_added.figures.as_ref())
        .flatten()
}

/// The figures of `group` (or of all pupils) in a subject's year, when shown.
fn figure_of(progress: &SchoolProgress, group: Option<GroupKey>) -> Option<(&GroupFigures, usize)> {
    match group {
        None => progress
            .value_added
            .figures
            .as_ref()
            .map(|f| (f, progress.value_added.n)),
        Some(g) => progress
            .breakdowns
            .iter()
            .filter(|b| b.by == g.by)
            .flat_map(|b| &b.rows)
            .find(|r| r.label == RowLabel::Key(g.key))
            .and_then(|r| shown(r).map(|f| (f, r.value_added.n))),
    }
}

/// Years running, counting back from this year through `earlier` (newest first) while the
/// same figure stands out on the same side; and the years with figures for the subject.
fn persistence(
    subject: i64,
    group: Option<GroupKey>,
    side: Side,
    earlier: &[&[SubjectFigures<'_>]],
) -> (usize, usize) {
    let (mut running, mut known, mut unbroken) = (1, 1, true);
    for year in earlier {
        let Some(column) = year.iter().find(|c| c.subject == subject) else {
            break;
        };
        known += 1;
        let same = figure_of(column.progress, group).and_then(|(f, _)| Side::of(f)) == Some(side);
        if unbroken && same {
            running += 1;
        } else {
            unbroken = false;
        }
    }
    (running, known)
}

/// What stands out this year (`this_year`), with persistence over `earlier` years (newest
/// first, usually the two before). Subjects are ordered by the largest difference among
/// what stands out in them; a subject with nothing standing out is left out.
pub fn what_stands_out(
    this_year: &[SubjectFigures<'_>],
    earlier: &[&[SubjectFigures<'_>]],
) -> Vec<SubjectStandout> {
    let standout = |subject: i64, group: Option<GroupKey>, progress: &SchoolProgress| {
        let (figures, pupils) = figure_of(progress, group)?;
        let side = Side::of(figures)?;
        let (years_running, years_known) = persistence(subject, group, side, earlier);
        Some(Standout {
            group,
            figures: figures.clone(),
            pupils,
            side,
            years_running,
            years_known,
        })
    };
    let mut found: Vec<SubjectStandout> = this_year
        .iter()
        .filter_map(|column| {
            let progress = column.progress;
            let whole_stands_out = standout(column.subject, None, progress);
            let mut groups: Vec<Standout> = progress
                .breakdowns
                .iter()
                .filter(|b| GroupBy::PUPIL_GROUPS.contains(&b.by))
                .flat_map(|b| b.rows.iter().map(move |r| (b.by, r)))
                .filter_map(|(by, row)| match row.label {
                    RowLabel::Key(key) => {
                        standout(column.subject, Some(GroupKey { by, key }), progress)
                    }
                    RowLabel::Name(_) => None,
                })
                .collect();
            if whole_stands_out.is_none() && groups.is_empty() {
                return None;
            }
            groups.sort_by(|a, b| {
                b.figures
                    .value_added
                    .abs()
                    .total_cmp(&a.figures.value_added.abs())
            });
            let more_groups = groups.len().saturating_sub(MAX_GROUPS_PER_SUBJECT);
            groups.truncate(MAX_GROUPS_PER_SUBJECT);
            Some(SubjectStandout {
                subject: column.subject,
                whole: progress.value_added.figures.clone(),
                whole_stands_out,
                groups,
                more_groups,
            })
        })
        .collect();
    found.sort_by(|a, b| b.largest().total_cmp(&a.largest()));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymity::{CellVisibility, Threshold};
    use crate::progress::breakdown::Breakdown;
    use headway_stats::value_added::simple::{Band, GroupValueAdded};

    fn figures(value: f64, half: f64) -> GroupFigures {
        let (lo, hi) = (value - half, value + half);
        GroupFigures {
            value_added: value,
            se: half / 1.96,
            ci_lower: lo,
            ci_upper: hi,
            band: Band::of(value, lo, hi, 0.5),
        }
    }

    fn row(key: &'static str, value: f64, half: f64, visibility: CellVisibility) -> BreakdownRow {
        BreakdownRow {
            label: RowLabel::Key(key),
            id: None,
            value_added: GroupValueAdded {
                n: 30,
                figures: visibility.is_shown().then(|| figures(value, half)),
            },
            visibility,
            mean_outcome: None,
            with_outcome: 30,
            contextual: GroupValueAdded {
                n: 30,
                figures: None,
            },
            contextual_visibility: visibility,
        }
    }

    fn progress(whole: f64, rows: Vec<(GroupBy, BreakdownRow)>) -> SchoolProgress {
        let mut breakdowns: Vec<Breakdown> = Vec::new();
        for (by, r) in rows {
            match breakdowns.iter_mut().find(|b| b.by == by) {
                Some(b) => b.rows.push(r),
                None => breakdowns.push(Breakdown { by, rows: vec![r] }),
            }
        }
        SchoolProgress {
            pupils: 120,
            excluded: 0,
            attainment: None,
            value_added: GroupValueAdded {
                n: 120,
                figures: Some(figures(whole, 0.2)),
            },
            contextual: None,
            contextual_unavailable: None,
            disadvantaged: GroupValueAdded {
                n: 0,
                figures: None,
            },
            others: GroupValueAdded {
                n: 0,
                figures: None,
            },
            gap: None,
            breakdowns,
            threshold: Threshold::at_least(6),
        }
    }

    const SHOWN: CellVisibility = CellVisibility::Shown;

    #[test]
    fn the_weakest_subject_and_its_weakest_group_come_first() {
        let maths = progress(
            -0.6,
            vec![
                (
                    GroupBy::Disadvantaged,
                    row("group-disadvantaged", -0.91, 0.3, SHOWN),
                ),
                (
                    GroupBy::Disadvantaged,
                    row("group-not-disadvantaged", -0.5, 0.2, SHOWN),
                ),
                (GroupBy::Gender, row("group-female", -0.1, 0.3, SHOWN)),
            ],
        );
        let english = progress(
            0.05,
            vec![(GroupBy::Eal, row("group-eal", 0.4, 0.3, SHOWN))],
        );
        let science = progress(0.1, vec![]);
        let year = [
            SubjectFigures {
                subject: 2,
                progress: &english,
            },
            SubjectFigures {
                subject: 1,
                progress: &maths,
            },
            SubjectFigures {
                subject: 3,
                progress: &science,
            },
        ];
        let found = what_stands_out(&year, &[]);
        assert_eq!(
            found.iter().map(|s| s.subject).collect::<Vec<_>>(),
            [1, 2],
            "science has nothing beyond its interval"
        );
        let maths = &found[0];
        assert_eq!(maths.whole_stands_out.as_ref().unwrap().side, Side::Below);
        let keys: Vec<&str> = maths.groups.iter().map(|g| g.group.unwrap().key).collect();
        assert_eq!(keys, ["group-disadvantaged", "group-not-disadvantaged"]);
        assert_eq!(maths.groups[0].years_known, 1, "no earlier years given");
        let english = &found[1];
        assert!(english.whole_stands_out.is_none(), "English is average");
        assert_eq!(english.groups[0].side, Side::Above);
    }

    #[test]
    fn hidden_groups_never_stand_out() {
        let hidden = progress(
            0.0,
            vec![
                (
                    GroupBy::Sen,
                    row("group-sen-plan", -2.0, 0.5, CellVisibility::TooFew),
                ),
                (
                    GroupBy::Sen,
                    row(
                        "group-sen-support",
                        -1.5,
                        0.5,
                        CellVisibility::WouldRevealSmallerGroup,
                    ),
                ),
            ],
        );
        // Even figures left on a hidden row are not read.
        let mut leaky = hidden.clone();
        leaky.breakdowns[0].rows[1].value_added.figures = Some(figures(-1.5, 0.5));
        for p in [&hidden, &leaky] {
            let year = [SubjectFigures {
                subject: 1,
                progress: p,
            }];
            assert!(what_stands_out(&year, &[]).is_empty());
        }
    }

    #[test]
    fn persistence_counts_unbroken_years_on_the_same_side() {
        let now = progress(-0.6, vec![]);
        let last_year = progress(-0.5, vec![]);
        let before = progress(-0.7, vec![]);
        let average = progress(-0.1, vec![]);
        let above = progress(0.6, vec![]);
        let col = |p| {
            [SubjectFigures {
                subject: 1,
                progress: p,
            }]
        };
        let (now, last_year, before, average, above) = (
            col(&now),
            col(&last_year),
            col(&before),
            col(&average),
            col(&above),
        );
        let running = |earlier: &[&[SubjectFigures<'_>]]| {
            let s = what_stands_out(&now, earlier);
            let w = s[0].whole_stands_out.as_ref().unwrap();
            (w.years_running, w.years_known)
        };
        assert_eq!(running(&[&last_year, &before]), (3, 3));
        assert_eq!(running(&[&average, &before]), (1, 3), "broken last year");
        assert_eq!(running(&[&last_year, &above]), (2, 3));
        assert_eq!(running(&[&last_year]), (2, 2));
        let none: [SubjectFigures<'_>; 0] = [];
        assert_eq!(running(&[&none, &before]), (1, 1), "no figures last year");
    }

    #[test]
    fn groups_beyond_the_limit_are_counted_not_named() {
        let rows = [
            "group-female",
            "group-male",
            "group-eal",
            "group-not-eal",
            "group-prior-low",
        ]
        .into_iter()
        .enumerate()
        .map(|(i, key)| {
            (
                GroupBy::Gender,
                row(key, -0.5 - i as f64 / 10.0, 0.2, SHOWN),
            )
        })
        .collect();
        let p = progress(-0.6, rows);
        let year = [SubjectFigures {
            subject: 1,
            progress: &p,
        }];
        let found = what_stands_out(&year, &[]);
        assert_eq!(found[0].groups.len(), MAX_GROUPS_PER_SUBJECT);
        assert_eq!(found[0].more_groups, 2);
        assert_eq!(found[0].groups[0].group.unwrap().key, "group-prior-low");
    }
}
