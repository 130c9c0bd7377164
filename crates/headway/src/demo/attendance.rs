//! The demo's attendance and behaviour: a row per pupil of the cluster's schools in their
//! cohort's year, with one planted effect (docs/demo-data.md, "Attendance"): at Heol Las
//! Academy disadvantaged pupils attend notably less (about 8 points below their peers,
//! against about 3 points elsewhere), so many more of them are persistently absent.

use super::generate::TODAY;
use headway_store::attendance::NewAttendance;
use headway_store::seed::World;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// The school whose disadvantaged pupils' attendance is planted low.
pub const LOW_ATTENDANCE_SCHOOL: &str = "Heol Las Academy";

/// Sessions possible in a school year (two a day, 190 days).
const SESSIONS: u32 = 380;
/// Sessions possible so far in the year under way: the autumn term to early December,
/// twelve weeks of ten sessions.
const SESSIONS_SO_FAR: u32 = 120;

/// Attendance rows for the pupils of `world`'s own (not reference-only) schools: a whole
/// year's for a completed year, the sessions so far for the year under way on the demo's
/// today.
pub fn generate(world: &World, seed: u64) -> Vec<NewAttendance> {
    let under_way: Vec<i64> = world
        .years
        .iter()
        .filter(|y| y.starts_on <= TODAY && TODAY <= y.ends_on)
        .map(|y| y.id)
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xA77E_4DA4_CE00);
    let own: Vec<i64> = world
        .schools
        .iter()
        .filter(|s| !s.is_reference_only)
        .map(|s| s.id)
        .collect();
    let low_school = world
        .orgs
        .iter()
        .find(|o| o.name == LOW_ATTENDANCE_SCHOOL)
        .map(|o| o.id);
    let noise = Normal::new(0.0, 0.04).expect("a positive spread");
    world
        .pupils
        .iter()
        .filter(|p| own.contains(&p.school_id))
        .filter_map(|p| {
            let year = p.cohort_year_id?;
            let disadvantaged = p.disadvantaged == Some(true);
            let gap: f64 = match (disadvantaged, Some(p.school_id) == low_school) {
                (true, true) => 0.08,
                (true, false) => 0.03,
                (false, _) => 0.0,
            };
            let shift: f64 = noise.sample(&mut rng);
            let rate = (0.95 - gap + shift).clamp(0.4, 1.0);
            let sessions = if under_way.contains(&year) {
                SESSIONS_SO_FAR
            } else {
                SESSIONS
            };
            let attended = (f64::from(sessions) * rate).round() as u32;
            let absent_share = 1.0 - rate;
            Some(NewAttendance {
                pupil: p.id,
                year,
                sessions_possible: sessions,
                sessions_attended: attended.min(sessions),
                exclusions: u32::from(rng.random::<f64>() < absent_share * 0.3),
                incidents: (rng.random::<f64>() * 10.0 * absent_share).floor() as u32,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heol_las_disadvantaged_pupils_attend_less_than_their_peers() {
        let demo = super::super::generate::generate(7, "");
        let rows = generate(&demo.world, 7);
        assert!(!rows.is_empty());
        let school = demo
            .world
            .orgs
            .iter()
            .find(|o| o.name == LOW_ATTENDANCE_SCHOOL)
            .unwrap()
            .id;
        let mean = |want: bool| {
            let rates: Vec<f64> = rows
                .iter()
                .filter(|r| {
                    demo.world.pupils.iter().any(|p| {
                        p.id == r.pupil && p.school_id == school && p.disadvantaged == Some(want)
                    })
                })
                .map(|r| f64::from(r.sessions_attended) / f64::from(r.sessions_possible))
                .collect();
            rates.iter().sum::<f64>() / rates.len() as f64
        };
        let gap = mean(false) - mean(true);
        assert!(gap > 0.05 && gap < 0.11, "the planted gap: {gap}");
    }
}
