//! Attendance and behaviour (issue 14, part C): a pupil's sessions possible and attended,
//! exclusions and incidents in an academic year, and the school's attendance rate and
//! persistent absence for the same pupil groups as value added, each with its 95% interval
//! and each figure suppressed by the cell rule of [`crate::anonymity::cells`].
//!
//! Pure: the store supplies a row per pupil, `headway_stats` does the arithmetic.

use crate::anonymity::{CellVisibility, Threshold, partition_to_show};
use crate::progress::breakdown::mean_estimate;
use crate::pupil::{Gender, Sen};
use headway_stats::proportion::{Proportion, wilson};
use serde::{Deserialize, Serialize};

/// One pupil's attendance and behaviour in one academic year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PupilAttendance {
    pub pupil: i64,
    pub sessions_possible: u32,
    pub sessions_attended: u32,
    pub exclusions: u32,
    pub incidents: u32,
    pub disadvantaged: Option<bool>,
    pub sen: Option<Sen>,
    pub eal: Option<bool>,
    pub gender: Option<Gender>,
    /// The pupil's prior-attainment band (0 low, 1 middle, 2 high), when known.
    pub prior_band: Option<u8>,
}

impl PupilAttendance {
    /// Sessions attended over sessions possible; `None` with no possible sessions.
    pub fn rate(&self) -> Option<f64> {
        (self.sessions_possible > 0)
            .then(|| f64::from(self.sessions_attended) / f64::from(self.sessions_possible))
    }

    /// Whether the pupil missed at least `threshold` of their possible sessions.
    pub fn persistently_absent(&self, threshold: PersistentAbsence) -> Option<bool> {
        self.rate().map(|rate| 1.0 - rate >= threshold.0 - 1e-12)
    }
}

/// The share of possible sessions missed from which a pupil counts as persistently absent.
/// Headway's default is 10%, the definition the measure set uses; a deployment may set
/// another (between 1% and 50%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PersistentAbsence(f64);

impl PersistentAbsence {
    pub const DEFAULT: PersistentAbsence = PersistentAbsence(0.10);

    pub fn new(share: f64) -> Result<PersistentAbsence, String> {
        if (0.01..=0.5).contains(&share) {
            Ok(PersistentAbsence(share))
        } else {
            Err(format!(
                "the persistent absence threshold {share} is outside 0.01 to 0.5 (a share of sessions missed)"
            ))
        }
    }

    pub fn share(self) -> f64 {
        self.0
    }
}

impl Default for PersistentAbsence {
    fn default() -> Self {
        PersistentAbsence::DEFAULT
    }
}

/// A mean with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanInterval {
    pub value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// The figures of one group; `None` figures are not shown (see `visibility`).
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceFigures {
    /// The mean of pupils' attendance rates, ± 1.96·sd/√n.
    pub rate: Option<MeanInterval>,
    /// The share of pupils persistently absent, with its Wilson interval.
    pub persistent_absence: Option<Proportion>,
    /// The share of pupils excluded at least once, with its Wilson interval.
    pub excluded: Option<Proportion>,
    /// Behaviour incidents per pupil.
    pub incidents_per_pupil: Option<f64>,
}

/// One row of a breakdown: a group (a translation key, as the progress page's rows).
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceRow {
    pub label: &'static str,
    /// Pupils behind the row (with possible sessions).
    pub pupils: usize,
    pub visibility: CellVisibility,
    pub figures: AttendanceFigures,
}

impl AttendanceRow {
    /// The row's size, when it may be published.
    pub fn shown_pupils(&self) -> Option<usize> {
        self.visibility.is_shown().then_some(self.pupils)
    }
}

/// The pupil groups attendance is broken down by: the value-added ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceGroup {
    Disadvantaged,
    Sen,
    Eal,
    Gender,
    PriorBand,
}

impl AttendanceGroup {
    pub const ALL: [AttendanceGroup; 5] = [
        AttendanceGroup::Disadvantaged,
        AttendanceGroup::Sen,
        AttendanceGroup::Eal,
        AttendanceGroup::Gender,
        AttendanceGroup::PriorBand,
    ];

    /// The translation key of the breakdown's heading (shared with the progress page).
    pub fn key(self) -> &'static str {
        match self {
            AttendanceGroup::Disadvantaged => "disadvantaged",
            AttendanceGroup::Sen => "sen",
            AttendanceGroup::Eal => "eal",
            AttendanceGroup::Gender => "gender",
            AttendanceGroup::PriorBand => "prior-band",
        }
    }

    /// The pupil's row label in this breakdown (the progress page's keys), if recorded.
    fn label(self, pupil: &PupilAttendance) -> Option<&'static str> {
        Some(match self {
            AttendanceGroup::Disadvantaged => match pupil.disadvantaged? {
                true => "group-disadvantaged",
                false => "group-not-disadvantaged",
            },
            AttendanceGroup::Sen => match pupil.sen? {
                Sen::None => "group-sen-none",
                Sen::Support => "group-sen-support",
                Sen::Plan => "group-sen-plan",
            },
            AttendanceGroup::Eal => match pupil.eal? {
                true => "group-eal",
                false => "group-not-eal",
            },
            AttendanceGroup::Gender => match pupil.gender? {
                Gender::Female => "group-female",
                Gender::Male => "group-male",
                Gender::Other => "group-gender-other",
            },
            AttendanceGroup::PriorBand => match pupil.prior_band? {
                0 => "group-prior-low",
                1 => "group-prior-middle",
                _ => "group-prior-high",
            },
        })
    }

    /// The labels of this breakdown, in the order shown.
    fn labels(self) -> &'static [&'static str] {
        match self {
            AttendanceGroup::Disadvantaged => &["group-disadvantaged", "group-not-disadvantaged"],
            AttendanceGroup::Sen => &["group-sen-none", "group-sen-support", "group-sen-plan"],
            AttendanceGroup::Eal => &["group-eal", "group-not-eal"],
            AttendanceGroup::Gender => &["group-female", "group-male", "group-gender-other"],
            AttendanceGroup::PriorBand => {
                &["group-prior-low", "group-prior-middle", "group-prior-high"]
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceBreakdown {
    pub by: AttendanceGroup,
    pub rows: Vec<AttendanceRow>,
}

/// A school's attendance and behaviour for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolAttendance {
    pub whole: AttendanceRow,
    pub breakdowns: Vec<AttendanceBreakdown>,
    pub threshold: Threshold,
    pub persistent_absence: PersistentAbsence,
}

/// The figures of a group of pupils (all with possible sessions), before suppression.
fn figures(pupils: &[&PupilAttendance], pa: PersistentAbsence) -> AttendanceFigures {
    let rates: Vec<f64> = pupils.iter().filter_map(|p| p.rate()).collect();
    let n = rates.len() as u64;
    let absent = pupils
        .iter()
        .filter(|p| p.persistently_absent(pa) == Some(true))
        .count() as u64;
    let excluded = pupils.iter().filter(|p| p.exclusions > 0).count() as u64;
    let incidents: u64 = pupils.iter().map(|p| u64::from(p.incidents)).sum();
    AttendanceFigures {
        rate: mean_estimate(&rates).map(|e| {
            let (ci_lower, ci_upper) = e.interval();
            MeanInterval {
                value: e.value,
                ci_lower,
                ci_upper,
            }
        }),
        persistent_absence: wilson(absent, n),
        excluded: wilson(excluded, n),
        incidents_per_pupil: (n > 0).then(|| incidents as f64 / n as f64),
    }
}

const HIDDEN: AttendanceFigures = AttendanceFigures {
    rate: None,
    persistent_absence: None,
    excluded: None,
    incidents_per_pupil: None,
};

/// Attendance for the whole school and each pupil group. A figure is shown only when at
/// least `threshold` pupils are behind it, and a group's figures only when, with the
/// whole school's and the other shown groups', they cannot give away a smaller group by
/// subtraction (pupils with no recorded group count as a hidden part).
pub fn school_attendance(
    pupils: &[PupilAttendance],
    threshold: Threshold,
    pa: PersistentAbsence,
) -> SchoolAttendance {
    let counted: Vec<&PupilAttendance> = pupils.iter().filter(|p| p.rate().is_some()).collect();
    let total = u32::try_from(counted.len()).unwrap_or(u32::MAX);
    let whole_visibility = if threshold.allows(total) {
        CellVisibility::Shown
    } else {
        CellVisibility::TooFew
    };
    let whole = AttendanceRow {
        label: "group-all",
        pupils: counted.len(),
        visibility: whole_visibility,
        figures: if whole_visibility.is_shown() {
            figures(&counted, pa)
        } else {
            HIDDEN
        },
    };
    let breakdowns = AttendanceGroup::ALL
        .into_iter()
        .map(|by| {
            let groups: Vec<Vec<&PupilAttendance>> = by
                .labels()
                .iter()
                .map(|label| {
                    counted
                        .iter()
                        .copied()
                        .filter(|p| by.label(p) == Some(*label))
                        .collect()
                })
                .collect();
            let sizes: Vec<u32> = groups
                .iter()
                .map(|g| u32::try_from(g.len()).unwrap_or(u32::MAX))
                .collect();
            let disclosure = partition_to_show(total, &sizes, threshold);
            let rows = by
                .labels()
                .iter()
                .zip(&groups)
                .zip(disclosure.parts)
                .filter(|((_, group), _)| !group.is_empty())
                .map(|((label, group), visibility)| AttendanceRow {
                    label,
                    pupils: group.len(),
                    visibility,
                    figures: if visibility.is_shown() {
                        figures(group, pa)
                    } else {
                        HIDDEN
                    },
                })
                .collect();
            AttendanceBreakdown { by, rows }
        })
        .collect();
    SchoolAttendance {
        whole,
        breakdowns,
        threshold,
        persistent_absence: pa,
    }
}

#[cfg(test)]
mod tests;
