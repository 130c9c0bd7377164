//! A seeded synthetic national cohort for benchmarks and demonstrations: pupils in
//! schools with the default covariates of ANALYTICS.md §3 (14 fixed effects with the
//! intercept) and a true school effect. Pure and deterministic: the same seed gives the
//! same pupils on every machine.

use crate::design::{Column, ColumnTable};

/// The contextual model the cohort is built for: 14 fixed effects and a school intercept.
pub const COHORT_FORMULA: &str = "outcome ~ prior + I(prior^2) + disadvantaged + sen + eal + gender + age + ethnicity + (1 | school)";

/// True school standard deviation and pupil (residual) standard deviation of the cohort.
pub const SCHOOL_SD: f64 = 0.35;
pub const PUPIL_SD: f64 = 0.8;

const ETHNICITY_GROUPS: [&str; 6] = ["Asian", "Black", "Chinese", "Mixed", "Other", "White"];
const SEN_LEVELS: [&str; 3] = ["none", "plan", "support"];
const GENDERS: [&str; 2] = ["F", "M"];

/// `pupils` pupils in `schools` schools (sizes varying about the mean, each at least 2),
/// generated from `seed`. Columns: `school`, `outcome`, `prior`, `disadvantaged` (0/1),
/// `sen` (none/support/plan), `eal` (0/1), `gender` (F/M), `age` (months into the school
/// year, 0–11), `ethnicity` (six groups).
pub fn cohort(pupils: usize, schools: usize, seed: u64) -> ColumnTable {
    assert!(
        schools >= 1 && pupils >= 2 * schools,
        "at least two pupils per school"
    );
    let mut random = SplitMix64(seed);

    // School sizes proportional to weights in [0.5, 1.5), at least 2.
    let weights: Vec<f64> = (0..schools).map(|_| 0.5 + random.uniform()).collect();
    let total_weight: f64 = weights.iter().sum();
    let spare = pupils - 2 * schools;
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| 2 + (spare as f64 * w / total_weight) as usize)
        .collect();
    let mut shortfall = pupils - sizes.iter().sum::<usize>();
    for index in (0..schools).cycle() {
        if shortfall == 0 {
            break;
        }
        sizes[index] += 1;
        shortfall -= 1;
    }

    let mut school = Vec::with_capacity(pupils);
    let mut outcome = Vec::with_capacity(pupils);
    let mut prior = Vec::with_capacity(pupils);
    let mut disadvantaged = Vec::with_capacity(pupils);
    let mut sen = Vec::with_capacity(pupils);
    let mut eal = Vec::with_capacity(pupils);
    let mut gender = Vec::with_capacity(pupils);
    let mut age = Vec::with_capacity(pupils);
    let mut ethnicity = Vec::with_capacity(pupils);
    for (school_index, &size) in sizes.iter().enumerate() {
        let school_effect = SCHOOL_SD * random.normal();
        let school_intake = 0.4 * random.normal();
        let school_deprivation = 0.1 + 0.4 * random.uniform();
        for _ in 0..size {
            let is_disadvantaged = random.uniform() < school_deprivation;
            let pupil_prior = school_intake - 0.3 * is_disadvantaged as u8 as f64 + random.normal();
            let sen_level = match random.uniform() {
                u if u < 0.04 => 1, // plan
                u if u < 0.16 => 2, // support
                _ => 0,
            };
            let is_eal = random.uniform() < 0.18;
            let is_male = random.uniform() < 0.5;
            let months = (random.uniform() * 12.0).floor();
            let ethnic = (random.uniform() * 6.0) as usize;
            let expected = 0.2 + 0.7 * pupil_prior + 0.05 * pupil_prior * pupil_prior
                - 0.25 * is_disadvantaged as u8 as f64
                - [0.0, 0.6, 0.3][sen_level]
                + 0.1 * is_eal as u8 as f64
                - 0.15 * is_male as u8 as f64
                - 0.01 * months
                + [0.15, 0.05, 0.3, 0.0, 0.02, 0.0][ethnic];
            school.push((school_index + 1) as f64);
            outcome.push(expected + school_effect + PUPIL_SD * random.normal());
            prior.push(pupil_prior);
            disadvantaged.push(is_disadvantaged as u8 as f64);
            sen.push(Some(sen_level as u32));
            eal.push(is_eal as u8 as f64);
            gender.push(Some(is_male as u32));
            age.push(months);
            ethnicity.push(Some(ethnic as u32));
        }
    }

    let labels = |names: &[&str]| names.iter().map(|name| name.to_string()).collect();
    let mut table = ColumnTable::new();
    let columns = [
        ("school", Column::Numeric(school)),
        ("outcome", Column::Numeric(outcome)),
        ("prior", Column::Numeric(prior)),
        ("disadvantaged", Column::Numeric(disadvantaged)),
        (
            "sen",
            Column::Categorical {
                levels: labels(&SEN_LEVELS),
                codes: sen,
            },
        ),
        ("eal", Column::Numeric(eal)),
        (
            "gender",
            Column::Categorical {
                levels: labels(&GENDERS),
                codes: gender,
            },
        ),
        ("age", Column::Numeric(age)),
        (
            "ethnicity",
            Column::Categorical {
                levels: labels(&ETHNICITY_GROUPS),
                codes: ethnicity,
            },
        ),
    ];
    for (name, column) in columns {
        table.push(name, column).expect("columns of equal length");
    }
    table
}

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and good enough for synthetic data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box–Muller; the second value is discarded for simplicity).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform();
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cohort_has_the_requested_size_and_is_reproducible() {
        let a = cohort(1000, 10, 7);
        assert_eq!(a.rows(), 1000);
        assert_eq!(a, cohort(1000, 10, 7));
        assert_ne!(a, cohort(1000, 10, 8));
    }
}
