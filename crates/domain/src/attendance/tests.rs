use super::*;

fn pupil(id: i64, possible: u32, attended: u32, disadvantaged: Option<bool>) -> PupilAttendance {
    PupilAttendance {
        pupil: id,
        sessions_possible: possible,
        sessions_attended: attended,
        exclusions: 0,
        incidents: 0,
        disadvantaged,
        sen: None,
        eal: None,
        gender: None,
        prior_band: None,
    }
}

fn k(n: u8) -> Threshold {
    Threshold::new(n).unwrap()
}

fn row<'a>(report: &'a SchoolAttendance, by: AttendanceGroup, label: &str) -> &'a AttendanceRow {
    report
        .breakdowns
        .iter()
        .find(|b| b.by == by)
        .unwrap()
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap()
}

#[test]
fn missing_exactly_the_threshold_share_of_sessions_is_persistent_absence() {
    let pa = PersistentAbsence::DEFAULT;
    assert_eq!(pupil(1, 300, 270, None).persistently_absent(pa), Some(true));
    assert_eq!(
        pupil(1, 300, 271, None).persistently_absent(pa),
        Some(false)
    );
    assert_eq!(pupil(1, 0, 0, None).persistently_absent(pa), None);
    let stricter = PersistentAbsence::new(0.05).unwrap();
    assert_eq!(
        pupil(1, 300, 280, None).persistently_absent(stricter),
        Some(true)
    );
    assert!(PersistentAbsence::new(0.0).is_err());
    assert!(PersistentAbsence::new(0.9).is_err());
}

#[test]
fn the_rate_is_the_mean_of_pupils_rates_with_a_normal_interval() {
    // Rates 0.8, 0.9, 1.0 (×4 pupils each): mean 0.9, sd 0.0853, se 0.0246.
    let mut pupils = Vec::new();
    for i in 0..12 {
        let attended = [80, 90, 100][i % 3];
        pupils.push(pupil(i as i64, 100, attended, None));
    }
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    let rate = report.whole.figures.rate.unwrap();
    assert!((rate.value - 0.9).abs() < 1e-12);
    let sd = (8.0 * 0.01f64 / 11.0).sqrt();
    let half = 1.959_963_984_540_054 * sd / 12f64.sqrt();
    assert!((rate.ci_upper - (0.9 + half)).abs() < 1e-12, "{rate:?}");
    assert!((rate.ci_lower - (0.9 - half)).abs() < 1e-12, "{rate:?}");
    // The 0.8 and 0.9 pupils missed 10% or more: 8 of 12.
    let pa = report.whole.figures.persistent_absence.unwrap();
    assert!((pa.value - 8.0 / 12.0).abs() < 1e-12);
    assert!(pa.ci_lower < pa.value && pa.value < pa.ci_upper);
}

#[test]
fn pupils_with_no_possible_sessions_are_left_out_of_every_figure() {
    let mut pupils: Vec<_> = (0..6).map(|i| pupil(i, 100, 95, Some(false))).collect();
    pupils.push(pupil(99, 0, 0, Some(true)));
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    assert_eq!(report.whole.pupils, 6);
    let breakdown = &report.breakdowns[0];
    assert!(
        breakdown
            .rows
            .iter()
            .all(|r| r.label != "group-disadvantaged")
    );
}

#[test]
fn a_small_group_is_hidden_and_so_is_the_group_that_would_give_it_away() {
    // 20 pupils: 3 disadvantaged, 17 not. Showing the 17 beside the school's 20 would
    // give the 3 away, so both are hidden and the whole school is shown.
    let mut pupils: Vec<_> = (0..3).map(|i| pupil(i, 100, 60, Some(true))).collect();
    pupils.extend((3..20).map(|i| pupil(i, 100, 97, Some(false))));
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    assert!(report.whole.visibility.is_shown());
    let small = row(
        &report,
        AttendanceGroup::Disadvantaged,
        "group-disadvantaged",
    );
    assert_eq!(small.visibility, CellVisibility::TooFew);
    assert_eq!(small.figures, HIDDEN);
    let other = row(
        &report,
        AttendanceGroup::Disadvantaged,
        "group-not-disadvantaged",
    );
    assert_eq!(other.visibility, CellVisibility::WouldRevealSmallerGroup);
    assert_eq!(other.figures.rate, None);
    assert_eq!(other.shown_pupils(), None);
}

#[test]
fn pupils_with_no_recorded_group_protect_a_shown_group_only_when_there_are_enough() {
    // 10 disadvantaged, 10 not, 2 unrecorded: showing both groups beside the school would
    // reveal the 2 unrecorded pupils' attendance by subtraction.
    let mut pupils: Vec<_> = (0..10).map(|i| pupil(i, 100, 90, Some(true))).collect();
    pupils.extend((10..20).map(|i| pupil(i, 100, 98, Some(false))));
    pupils.extend((20..22).map(|i| pupil(i, 100, 50, None)));
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    let rows = &report.breakdowns[0].rows;
    assert_eq!(rows.iter().filter(|r| r.visibility.is_shown()).count(), 1);
    // With 6 unrecorded pupils both groups may be shown.
    pupils.extend((22..26).map(|i| pupil(i, 100, 50, None)));
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    assert!(
        report.breakdowns[0]
            .rows
            .iter()
            .all(|r| r.visibility.is_shown())
    );
}

#[test]
fn a_school_below_the_threshold_shows_nothing() {
    let pupils: Vec<_> = (0..5)
        .map(|i| pupil(i, 100, 90, Some(i % 2 == 0)))
        .collect();
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    assert_eq!(report.whole.visibility, CellVisibility::TooFew);
    assert_eq!(report.whole.figures, HIDDEN);
    assert!(
        report
            .breakdowns
            .iter()
            .flat_map(|b| &b.rows)
            .all(|r| !r.visibility.is_shown())
    );
}

#[test]
fn no_shown_figure_rests_on_fewer_pupils_than_the_threshold_whatever_the_split() {
    // Every split of 0..=30 pupils into two recorded groups and an unrecorded rest: each
    // shown row, and the rest derivable from the whole and the shown rows, has k or more.
    let threshold = k(6);
    for a in 0..=15u32 {
        for b in 0..=15u32 {
            for none in 0..=4u32 {
                let mut pupils = Vec::new();
                let mut id = 0;
                for (count, group) in [(a, Some(true)), (b, Some(false)), (none, None)] {
                    for _ in 0..count {
                        pupils.push(pupil(id, 100, 90, group));
                        id += 1;
                    }
                }
                let report = school_attendance(&pupils, threshold, PersistentAbsence::DEFAULT);
                let rows = &report.breakdowns[0].rows;
                let shown: u32 = rows
                    .iter()
                    .filter_map(|r| r.shown_pupils())
                    .map(|n| n as u32)
                    .sum();
                for r in rows.iter().filter(|r| r.visibility.is_shown()) {
                    assert!(r.pupils >= 6, "a={a} b={b} none={none}");
                }
                if report.whole.visibility.is_shown() && shown > 0 {
                    let rest = a + b + none - shown;
                    assert!(
                        rest == 0 || rest >= 6,
                        "a={a} b={b} none={none}: rest {rest}"
                    );
                }
            }
        }
    }
}

#[test]
fn exclusions_and_incidents_are_shares_and_rates_per_pupil() {
    let mut pupils: Vec<_> = (0..10).map(|i| pupil(i, 100, 95, None)).collect();
    pupils[0].exclusions = 2;
    pupils[1].exclusions = 1;
    pupils[2].incidents = 7;
    pupils[3].incidents = 3;
    let report = school_attendance(&pupils, k(6), PersistentAbsence::DEFAULT);
    assert!((report.whole.figures.excluded.unwrap().value - 0.2).abs() < 1e-12);
    assert!((report.whole.figures.incidents_per_pupil.unwrap() - 1.0).abs() < 1e-12);
}
