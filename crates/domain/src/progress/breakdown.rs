//! A school's value added for the whole school and broken down by pupil group, class and
//! teacher (ANALYTICS.md §2.5–§2.7), with the disadvantaged gap.
//!
//! Each breakdown is published beside the school's own figures, so it follows the cell
//! rule of [`crate::anonymity::cells`]: the school is the total, the rows its parts, and
//! pupils with no recorded group a part never shown. A row below the threshold is hidden,
//! and so is the next-smallest row wherever the total minus the shown rows would describe
//! fewer pupils than the threshold.

use super::reference::{PupilOutcome, Reference};
use crate::anonymity::{CellVisibility, Threshold, partition_to_show};
use crate::pupil::{Gender, Sen};
use headway_stats::trends::Estimate;
use headway_stats::value_added::SchoolEffect;
use headway_stats::value_added::contextual::Z_95;
use headway_stats::value_added::simple::GroupValueAdded;
use std::collections::BTreeMap;

/// The ways a school's pupils are grouped in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Disadvantaged,
    Sen,
    Eal,
    Gender,
    PriorBand,
    Class,
    Teacher,
}

impl GroupBy {
    /// The pupil-group breakdowns (no class or teacher): what governors and cluster leads see.
    pub const PUPIL_GROUPS: [GroupBy; 5] = [
        GroupBy::Disadvantaged,
        GroupBy::Sen,
        GroupBy::Eal,
        GroupBy::Gender,
        GroupBy::PriorBand,
    ];

    pub fn key(self) -> &'static str {
        match self {
            GroupBy::Disadvantaged => "disadvantaged",
            GroupBy::Sen => "sen",
            GroupBy::Eal => "eal",
            GroupBy::Gender => "gender",
            GroupBy::PriorBand => "prior-band",
            GroupBy::Class => "class",
            GroupBy::Teacher => "teacher",
        }
    }

    pub fn from_key(key: &str) -> Option<GroupBy> {
        [
            GroupBy::Disadvantaged,
            GroupBy::Sen,
            GroupBy::Eal,
            GroupBy::Gender,
            GroupBy::PriorBand,
            GroupBy::Class,
            GroupBy::Teacher,
        ]
        .into_iter()
        .find(|g| g.key() == key)
    }
}

/// A pupil's class (of the subject reported on) and its teacher.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub pupil: i64,
    pub class_id: i64,
    pub class_name: String,
    pub teacher_id: Option<i64>,
    pub teacher_name: Option<String>,
}

/// The label of a breakdown row: a translation key (pupil groups) or a name (classes,
/// teachers).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowLabel {
    Key(&'static str),
    Name(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownRow {
    pub label: RowLabel,
    /// For a class or teacher, its id (for links).
    pub id: Option<i64>,
    /// `figures` is `None` unless [`BreakdownRow::visibility`] is shown.
    pub value_added: GroupValueAdded,
    /// Whether the row's value added and its size may be shown, and why not.
    pub visibility: CellVisibility,
    /// `None` when hidden by the same rule, counted in pupils with an outcome.
    pub mean_outcome: Option<f64>,
    /// Pupils with an outcome (the people behind the mean).
    pub with_outcome: usize,
}

impl BreakdownRow {
    /// The row's size, when it may be published.
    pub fn shown_pupils(&self) -> Option<usize> {
        self.visibility.is_shown().then_some(self.value_added.n)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub by: GroupBy,
    pub rows: Vec<BreakdownRow>,
}

/// A difference between two groups' value added with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

impl Gap {
    /// Whether the interval excludes zero.
    pub fn is_significant(&self) -> bool {
        self.ci_lower > 0.0 || self.ci_upper < 0.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SchoolProgress {
    /// Pupils with an outcome.
    pub pupils: usize,
    /// Pupils left out of value added (no starting point, or outside the groups' range).
    pub excluded: usize,
    /// Mean outcome with its standard error (`None` below the threshold).
    pub attainment: Option<Estimate>,
    pub value_added: GroupValueAdded,
    /// The school's conditional mode from the contextual model.
    pub contextual: Option<SchoolEffect>,
    pub disadvantaged: GroupValueAdded,
    pub others: GroupValueAdded,
    /// Disadvantaged minus other pupils' value added, when both groups are shown.
    pub gap: Option<Gap>,
    pub breakdowns: Vec<Breakdown>,
    /// The fewest pupils a shown figure rests on.
    pub threshold: Threshold,
}

impl SchoolProgress {
    /// Why a group's value added is not shown, or `Shown`: for the headline's groups.
    pub fn visibility_of(&self, group: &GroupValueAdded) -> CellVisibility {
        match (&group.figures, self.threshold.allows(group.n as u32)) {
            (Some(_), _) => CellVisibility::Shown,
            (None, false) => CellVisibility::TooFew,
            (None, true) => CellVisibility::WouldRevealSmallerGroup,
        }
    }
}

/// Mean and standard error (`sd/√n`) of values; `None` when fewer than two.
pub fn mean_estimate(values: &[f64]) -> Option<Estimate> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some(Estimate {
        value: mean,
        se: (variance / n).sqrt(),
    })
}

/// Value added of labelled groups of pupils: `labels[i]` is pupil i's group (or `None`).
fn grouped(
    reference: &Reference,
    pupils: &[&PupilOutcome],
    labels: &[Option<(RowLabel, Option<i64>)>],
) -> Vec<BreakdownRow> {
    let mut index: BTreeMap<(RowLabel, Option<i64>), u32> = BTreeMap::new();
    for label in labels.iter().flatten() {
        let next = index.len() as u32;
        index.entry(label.clone()).or_insert(next);
    }
    let (mut prior, mut outcome, mut group) = (Vec::new(), Vec::new(), Vec::new());
    let mut outcomes: Vec<Vec<f64>> = vec![Vec::new(); index.len()];
    for (pupil, label) in pupils.iter().zip(labels) {
        let Some(label) = label else { continue };
        let g = index[label];
        prior.push(pupil.prior.unwrap_or(f64::NAN));
        outcome.push(pupil.outcome.unwrap_or(f64::NAN));
        group.push(g);
        if let Some(y) = pupil.outcome {
            outcomes[g as usize].push(y);
        }
    }
    let table = reference.simple.group_value_added(
        &prior,
        &outcome,
        &group,
        index.len(),
        &reference.settings,
    );
    index
        .into_iter()
        .map(|((label, id), g)| {
            let values = &outcomes[g as usize];
            let value_added = table.groups[g as usize].clone();
            BreakdownRow {
                label,
                id,
                visibility: match value_added.figures {
                    Some(_) => CellVisibility::Shown,
                    None => CellVisibility::TooFew,
                },
                value_added,
                mean_outcome: (!values.is_empty())
                    .then(|| values.iter().sum::<f64>() / values.len() as f64),
                with_outcome: values.len(),
            }
        })
        .collect()
}

/// The threshold of the cell rule: the measure's "suppress groups below" setting.
fn threshold_of(reference: &Reference) -> Threshold {
    Threshold::at_least(reference.settings.suppression_threshold)
}

/// The cell rule on one breakdown beside the school's figures: value added (and the
/// row's size) counted in pupils with value added, the mean in pupils with an outcome.
fn hide_complementary_cells(
    rows: &mut [BreakdownRow],
    school_value_added: usize,
    school_outcomes: usize,
    threshold: Threshold,
) {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let sizes: Vec<u32> = rows.iter().map(|r| count(r.value_added.n)).collect();
    let value_added = partition_to_show(count(school_value_added), &sizes, threshold);
    let with_outcome: Vec<u32> = rows.iter().map(|r| count(r.with_outcome)).collect();
    let means = partition_to_show(count(school_outcomes), &with_outcome, threshold);
    for ((row, va), mean) in rows.iter_mut().zip(value_added.parts).zip(means.parts) {
        row.visibility = va;
        if !va.is_shown() {
            row.value_added.figures = None;
        }
        if !mean.is_shown() {
            row.mean_outcome = None;
        }
    }
}

/// The row of a pupil-group breakdown a pupil falls in (`None` when the group is not
/// recorded, or for classes and teachers): the same keys the progress page shows.
pub fn pupil_group_label(
    by: GroupBy,
    pupil: &PupilOutcome,
    reference: &Reference,
) -> Option<RowLabel> {
    let key = match by {
        GroupBy::Disadvantaged => match pupil.disadvantaged? {
            true => "group-disadvantaged",
            false => "group-not-disadvantaged",
        },
        GroupBy::Sen => match pupil.sen? {
            Sen::None => "group-sen-none",
            Sen::Support => "group-sen-support",
            Sen::Plan => "group-sen-plan",
        },
        GroupBy::Eal => match pupil.eal? {
            true => "group-eal",
            false => "group-not-eal",
        },
        GroupBy::Gender => match pupil.gender? {
            Gender::Female => "group-female",
            Gender::Male => "group-male",
            Gender::Other => "group-gender-other",
        },
        GroupBy::PriorBand => match reference.prior_band(pupil.prior?) {
            0 => "group-prior-low",
            1 => "group-prior-middle",
            _ => "group-prior-high",
        },
        GroupBy::Class | GroupBy::Teacher => return None,
    };
    Some(RowLabel::Key(key))
}

/// Everything the progress page shows for one school, subject and year.
///
/// `pupils` are the school's pupils the viewer may see; `memberships` give classes and
/// teachers (empty when the viewer may not see them).
pub fn school_progress(
    reference: &Reference,
    school: i64,
    pupils: &[PupilOutcome],
    memberships: &[Membership],
    breakdowns: &[GroupBy],
) -> SchoolProgress {
    let threshold = threshold_of(reference);
    let refs: Vec<&PupilOutcome> = pupils.iter().collect();
    let outcomes: Vec<f64> = pupils.iter().filter_map(|p| p.outcome).collect();
    let whole: Vec<Option<(RowLabel, Option<i64>)>> = refs
        .iter()
        .map(|_| Some((RowLabel::Key("group-all"), None)))
        .collect();
    let whole_row = grouped(reference, &refs, &whole).pop();
    let value_added = whole_row.map(|r| r.value_added).unwrap_or(GroupValueAdded {
        n: 0,
        figures: None,
    });
    let excluded = outcomes.len().saturating_sub(value_added.n);

    let mut by_disadvantage = grouped(
        reference,
        &refs,
        &refs
            .iter()
            .map(|p| pupil_group_label(GroupBy::Disadvantaged, p, reference).map(|l| (l, None)))
            .collect::<Vec<_>>(),
    );
    hide_complementary_cells(
        &mut by_disadvantage,
        value_added.n,
        outcomes.len(),
        threshold,
    );
    let find = |key: &str| {
        by_disadvantage
            .iter()
            .find(|r| {
                r.label
                    == RowLabel::Key(if key == "d" {
                        "group-disadvantaged"
                    } else {
                        "group-not-disadvantaged"
                    })
            })
            .map(|r| r.value_added.clone())
            .unwrap_or(GroupValueAdded {
                n: 0,
                figures: None,
            })
    };
    let (disadvantaged, others) = (find("d"), find("o"));
    let gap = match (&disadvantaged.figures, &others.figures) {
        (Some(d), Some(o)) => {
            let value = d.value_added - o.value_added;
            let half = Z_95
                * reference.simple.sigma
                * (1.0 / disadvantaged.n as f64 + 1.0 / others.n as f64).sqrt();
            Some(Gap {
                value,
                ci_lower: value - half,
                ci_upper: value + half,
            })
        }
        _ => None,
    };

    let mut tables = Vec::new();
    for &by in breakdowns {
        let labels: Vec<Option<(RowLabel, Option<i64>)>> = match by {
            GroupBy::Class | GroupBy::Teacher => {
                let mut of_pupil: BTreeMap<i64, &Membership> = BTreeMap::new();
                for m in memberships {
                    of_pupil.entry(m.pupil).or_insert(m);
                }
                refs.iter()
                    .map(|p| {
                        let m = of_pupil.get(&p.pupil)?;
                        if by == GroupBy::Class {
                            Some((RowLabel::Name(m.class_name.clone()), Some(m.class_id)))
                        } else {
                            Some((RowLabel::Name(m.teacher_name.clone()?), m.teacher_id))
                        }
                    })
                    .collect()
            }
            _ => refs
                .iter()
                .map(|p| pupil_group_label(by, p, reference).map(|l| (l, None)))
                .collect(),
        };
        let mut rows = grouped(reference, &refs, &labels);
        hide_complementary_cells(&mut rows, value_added.n, outcomes.len(), threshold);
        tables.push(Breakdown { by, rows });
    }

    SchoolProgress {
        pupils: outcomes.len(),
        excluded,
        attainment: mean_estimate(&outcomes)
            .filter(|_| threshold.allows(u32::try_from(outcomes.len()).unwrap_or(u32::MAX))),
        value_added,
        contextual: reference
            .contextual
            .as_ref()
            .and_then(|c| c.school_effect(school))
            .cloned(),
        disadvantaged,
        others,
        gap,
        breakdowns: tables,
        threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::reference::tests::population;
    use headway_stats::value_added::simple::MeasureSettings;

    #[test]
    fn a_strong_school_is_above_and_a_weak_one_below() {
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let of = |school: i64| {
            pupils
                .iter()
                .filter(|p| p.school == school)
                .cloned()
                .collect::<Vec<_>>()
        };
        let weak = school_progress(&reference, 0, &of(0), &[], &[]);
        let strong = school_progress(&reference, 4, &of(4), &[], &[]);
        let (weak_va, strong_va) = (
            weak.value_added.figures.unwrap(),
            strong.value_added.figures.unwrap(),
        );
        assert!(
            weak_va.ci_upper < 0.0 && strong_va.ci_lower > 0.0,
            "{weak_va:?} {strong_va:?}"
        );
        assert!(weak.contextual.unwrap().blup < strong.contextual.unwrap().blup);
        assert_eq!(weak.pupils, 60);
        assert!(weak.attainment.unwrap().value < strong.attainment.unwrap().value);
    }

    #[test]
    fn the_disadvantaged_gap_is_the_difference_of_the_two_groups() {
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let school: Vec<PupilOutcome> = pupils.iter().filter(|p| p.school == 2).cloned().collect();
        let report = school_progress(&reference, 2, &school, &[], &[GroupBy::Disadvantaged]);
        let gap = report.gap.unwrap();
        let d = report.disadvantaged.figures.unwrap().value_added;
        let o = report.others.figures.unwrap().value_added;
        assert!((gap.value - (d - o)).abs() < 1e-12);
        assert!(gap.value < 0.0, "the planted −0.5 for disadvantaged pupils");
        assert_eq!(report.disadvantaged.n + report.others.n, 60);
        let half = Z_95 * reference.simple.sigma * (1.0 / 15.0f64 + 1.0 / 45.0).sqrt();
        assert!((gap.ci_upper - gap.value - half).abs() < 1e-9);
    }

    #[test]
    fn small_groups_are_suppressed_never_zero() {
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let few: Vec<PupilOutcome> = pupils
            .iter()
            .filter(|p| p.school == 1)
            .take(8)
            .cloned()
            .collect();
        let report = school_progress(&reference, 1, &few, &[], &[GroupBy::Disadvantaged]);
        // 8 pupils: 2 disadvantaged (too few); the 6 others are hidden too, since the
        // school's figure minus theirs would give the two away.
        assert!(report.value_added.figures.is_some());
        assert!(report.disadvantaged.figures.is_none());
        assert!(report.others.figures.is_none());
        assert_eq!(report.disadvantaged.n, 2);
        assert!(report.gap.is_none(), "no gap when a side is suppressed");
        let rows = &report.breakdowns[0].rows;
        assert!(
            rows.iter()
                .any(|r| r.value_added.figures.is_none() && r.mean_outcome.is_none())
        );
    }

    #[test]
    fn a_single_hidden_group_cannot_be_recovered_from_the_school_and_the_shown_groups() {
        // The testers' attack: 40 pupils, one with an SEN plan, seven with SEN support;
        // two of "other" gender. Shown: the school's value added and its size.
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let mut school: Vec<PupilOutcome> = pupils
            .iter()
            .filter(|p| p.school == 2)
            .take(40)
            .cloned()
            .collect();
        for (i, pupil) in school.iter_mut().enumerate() {
            pupil.sen = Some(match i {
                0 => Sen::Plan,
                1..=7 => Sen::Support,
                _ => Sen::None,
            });
            pupil.gender = Some(match i {
                2 | 5 => Gender::Other,
                i if i % 2 == 0 => Gender::Female,
                _ => Gender::Male,
            });
        }
        let report = school_progress(
            &reference,
            2,
            &school,
            &[],
            &[GroupBy::Sen, GroupBy::Gender],
        );
        let total = report.value_added.figures.as_ref().unwrap().value_added;
        assert_eq!(report.value_added.n, 40);
        for table in &report.breakdowns {
            // What subtraction gives: the pupils not in a shown row, and their mean.
            let (mut pupils, mut sum) = (40.0, 40.0 * total);
            for row in &table.rows {
                if let (Some(n), Some(f)) = (row.shown_pupils(), &row.value_added.figures) {
                    pupils -= n as f64;
                    sum -= n as f64 * f.value_added;
                }
            }
            assert!(
                pupils == 0.0 || pupils >= 6.0,
                "{:?}: {pupils} pupil(s) with mean {}",
                table.by,
                sum / pupils
            );
        }
        let sen = &report.breakdowns[0].rows;
        let visibility = |key: &'static str| {
            sen.iter()
                .find(|r| r.label == RowLabel::Key(key))
                .unwrap()
                .visibility
        };
        assert_eq!(visibility("group-sen-plan"), CellVisibility::TooFew);
        assert_eq!(
            visibility("group-sen-support"),
            CellVisibility::WouldRevealSmallerGroup
        );
        assert_eq!(visibility("group-sen-none"), CellVisibility::Shown);
        assert!(
            sen.iter()
                .filter(|r| !r.visibility.is_shown())
                .all(|r| r.mean_outcome.is_none() && r.shown_pupils().is_none())
        );
    }

    #[test]
    fn classes_and_teachers_group_by_membership() {
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let school: Vec<PupilOutcome> = pupils.iter().filter(|p| p.school == 3).cloned().collect();
        let memberships: Vec<Membership> = school
            .iter()
            .enumerate()
            .map(|(i, p)| Membership {
                pupil: p.pupil,
                class_id: (i % 2) as i64 + 1,
                class_name: format!("11M{}", i % 2 + 1),
                teacher_id: Some(7),
                teacher_name: Some("Ms Jones".into()),
            })
            .collect();
        let report = school_progress(
            &reference,
            3,
            &school,
            &memberships,
            &[GroupBy::Class, GroupBy::Teacher],
        );
        assert_eq!(report.breakdowns[0].rows.len(), 2);
        assert_eq!(report.breakdowns[0].rows[0].value_added.n, 30);
        assert_eq!(report.breakdowns[1].rows.len(), 1);
        assert_eq!(report.breakdowns[1].rows[0].id, Some(7));
    }
}
