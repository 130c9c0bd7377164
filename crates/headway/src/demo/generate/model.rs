//! The model that generates every score in the demo world, with its parameters in one place
//! (docs/demo-data.md prints the same numbers). The demo is Welsh: results are on the scales
//! of the Welsh measure set (`crates/domain/measure_sets/wales.toml`).
//!
//! Prior attainment, a latent score on a KS2-like scale (mean 104, clamped to 80–120):
//!
//!     prior = 104 + intake_j + Σ context effects + N(0, PRIOR_NOISE_SD²)
//!
//! stored as a National Personalised Assessments age-standardised score (see [`npa_score`]).
//!
//! Outcome in subject s, on the scale of the stored WJEC GCSE grades (U = 0, G = 1 … A* = 8),
//! rounded to a whole grade:
//!
//!     y = f(prior) + subject_offset_s + Σ pupil context effects_s
//!         + u_j,year + u_j,s + teacher_c + ability_i + e_is
//!
//! with `f` the population curve below, `u` school effects, `ability_i` a pupil effect shared
//! by the subjects and `e_is` subject noise. A random-intercept model, as ANALYTICS.md §3 fits.

use super::DemoRng;
use rand::RngExt;
use rand_distr::StandardNormal;

/// Subjects with outcomes, in the order every `[f64; 3]` below uses.
pub(super) const SUBJECT_CODES: [&str; 3] = ["ENG", "MAT", "SCI"];
pub(super) const MATHEMATICS: usize = 1;

pub(super) const PRIOR_MEAN: f64 = 104.0;
pub(super) const PRIOR_MIN: f64 = 80.0;
pub(super) const PRIOR_MAX: f64 = 120.0;
pub(super) const PRIOR_NOISE_SD: f64 = 5.5;
const PRIOR_DISADVANTAGED: f64 = -2.5;
const PRIOR_SEN_SUPPORT: f64 = -4.5;
const PRIOR_SEN_PLAN: f64 = -9.0;
const PRIOR_EAL: f64 = -1.0;
/// Per month younger than a September birthday: summer-born pupils score lower at 11.
const PRIOR_PER_MONTH_YOUNGER: f64 = -0.25;

/// National Personalised Assessments: age-standardised scores, mean 100, sd 15, reported
/// from 69 to 141. The latent prior maps onto them linearly, its population mean (about 101)
/// to 100 and its spread (about 6.4) to 15.
pub(super) const NPA_MIN: f64 = 69.0;
pub(super) const NPA_MAX: f64 = 141.0;
const NPA_CENTRE: f64 = 101.0;
const NPA_PER_PRIOR_POINT: f64 = 2.35;

/// WJEC GCSE grades as stored: U = 0, G = 1 … A* = 8.
pub(super) const GRADE_MIN: f64 = 0.0;
pub(super) const GRADE_MAX: f64 = 8.0;
/// Further GCSE subjects each pupil sits beyond the three modelled ones; with them the best
/// nine make the Capped 9 points score.
pub(super) const FURTHER_SUBJECTS: usize = 6;
pub(super) const SUBJECT_OFFSET: [f64; 3] = [0.2, -0.1, -0.2];
const OUTCOME_DISADVANTAGED: f64 = -0.45;
const OUTCOME_SEN_SUPPORT: f64 = -0.35;
const OUTCOME_SEN_PLAN: f64 = -0.6;
const OUTCOME_EAL: [f64; 3] = [-0.1, 0.3, 0.1];
const OUTCOME_FEMALE: [f64; 3] = [0.35, -0.05, 0.1];
/// Per month younger, given prior attainment: the youngest catch up a little.
const OUTCOME_PER_MONTH_YOUNGER: f64 = 0.01;
/// Pupil effect shared by the three subjects, and the subject-specific noise.
pub(super) const ABILITY_SD: f64 = 0.75;
pub(super) const SUBJECT_NOISE_SD: f64 = 0.85;

/// Reference schools' random effects: the school, its drift from year to year, and subjects.
pub(super) const SCHOOL_SD: f64 = 0.30;
pub(super) const SCHOOL_YEAR_SD: f64 = 0.10;
pub(super) const SCHOOL_SUBJECT_SD: f64 = 0.15;
/// Cluster schools' teachers: each keeps one effect across years.
pub(super) const TEACHER_SD: f64 = 0.12;
/// Reference schools' intake: prior attainment falls with the FSM share.
pub(super) const INTAKE_PER_FSM_SHARE: f64 = -8.0;
pub(super) const INTAKE_FSM_CENTRE: f64 = 0.23;
pub(super) const INTAKE_SD: f64 = 1.5;

/// Interim predicted grades: teachers' predictions, a little cautious, noisier in autumn.
pub(super) const INTERIM_BIAS: [f64; 2] = [-0.2, -0.1];
pub(super) const INTERIM_SD: [f64; 2] = [0.9, 0.7];

/// Ethnicity groups (DfE's major groups; unclassified pupils carry none), with the share of
/// a school's minority-ethnic pupils in each group, the share of them with English as an
/// additional language, and the outcome effect given prior attainment.
pub(super) const WHITE: &str = "White";
pub(super) const MINORITY_GROUPS: [(&str, f64, f64, f64); 5] = [
    ("Mixed", 0.30, 0.10, 0.05),
    ("Asian", 0.33, 0.55, 0.25),
    ("Black", 0.20, 0.45, 0.10),
    ("Chinese", 0.05, 0.60, 0.50),
    ("Any other ethnic group", 0.12, 0.65, 0.30),
];
pub(super) const WHITE_EAL_SHARE: f64 = 0.025;
pub(super) const UNCLASSIFIED_SHARE: f64 = 0.01;

pub(super) const FEMALE_SHARE: f64 = 0.49;
pub(super) const GENDER_OTHER_SHARE: f64 = 0.008;
pub(super) const SEN_SUPPORT_SHARE: [f64; 2] = [0.11, 0.16];
pub(super) const SEN_PLAN_SHARE: [f64; 2] = [0.02, 0.03];

/// What the model needs to know about a pupil.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PupilContext {
    pub disadvantaged: bool,
    pub sen_support: bool,
    pub sen_plan: bool,
    pub eal: bool,
    pub female: bool,
    /// Months after September the pupil was born in (0 = September … 11 = August).
    pub months_younger: u8,
    /// Outcome effect of the pupil's ethnicity group.
    pub ethnicity_effect: f64,
}

pub(super) fn normal(rng: &mut DemoRng, sd: f64) -> f64 {
    let z: f64 = rng.sample(StandardNormal);
    z * sd
}

/// The latent prior attainment (a KS2-like score) of a pupil of a school whose intake sits
/// `intake` above average.
pub(super) fn prior_attainment(rng: &mut DemoRng, intake: f64, pupil: &PupilContext) -> f64 {
    let mut prior = PRIOR_MEAN + intake + normal(rng, PRIOR_NOISE_SD);
    prior += if pupil.disadvantaged {
        PRIOR_DISADVANTAGED
    } else {
        0.0
    };
    prior += if pupil.sen_support {
        PRIOR_SEN_SUPPORT
    } else {
        0.0
    };
    prior += if pupil.sen_plan { PRIOR_SEN_PLAN } else { 0.0 };
    prior += if pupil.eal { PRIOR_EAL } else { 0.0 };
    prior += PRIOR_PER_MONTH_YOUNGER * f64::from(pupil.months_younger);
    prior.clamp(PRIOR_MIN, PRIOR_MAX)
}

/// The latent prior as a National Personalised Assessments age-standardised score: a whole
/// number, 100 at the population's mean, clamped to the reported 69–141.
pub(super) fn npa_score(prior: f64) -> f64 {
    (100.0 + NPA_PER_PRIOR_POINT * (prior - NPA_CENTRE))
        .round()
        .clamp(NPA_MIN, NPA_MAX)
}

/// The population curve: the expected grade of an average pupil in an average school (a
/// pupil at the latent mean of 104 expects 5.2, a little above grade C).
pub(super) fn population_curve(prior: f64, subject: usize) -> f64 {
    let d = prior - PRIOR_MEAN;
    5.2 + 0.19 * d + 0.0015 * d * d + SUBJECT_OFFSET[subject]
}

/// The pupil-context part of the outcome, given prior attainment.
pub(super) fn context_effect(pupil: &PupilContext, subject: usize) -> f64 {
    let mut effect = pupil.ethnicity_effect;
    effect += if pupil.disadvantaged {
        OUTCOME_DISADVANTAGED
    } else {
        0.0
    };
    effect += if pupil.sen_support {
        OUTCOME_SEN_SUPPORT
    } else {
        0.0
    };
    effect += if pupil.sen_plan {
        OUTCOME_SEN_PLAN
    } else {
        0.0
    };
    effect += if pupil.eal { OUTCOME_EAL[subject] } else { 0.0 };
    effect += if pupil.female {
        OUTCOME_FEMALE[subject]
    } else {
        0.0
    };
    effect + OUTCOME_PER_MONTH_YOUNGER * f64::from(pupil.months_younger)
}

/// A continuous score as a stored whole grade, U (0) to A* (8). Adding zero turns the −0.0
/// that rounding a score just below zero gives into 0.0: the two compare equal but sort
/// apart, and an outcome holding both is not one scale of grades.
pub(super) fn as_grade(score: f64) -> f64 {
    score.round().clamp(GRADE_MIN, GRADE_MAX) + 0.0
}
