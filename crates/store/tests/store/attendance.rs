//! Attendance rows written as they are (the demo) replace the held row for a pupil and
//! year, move the data version, and are read back per school and year with context.

use crate::harness::stores;
use headway_domain::ids::SchoolId;
use headway_store::attendance::NewAttendance;
use headway_store::seed::example_world;

#[tokio::test]
async fn generated_attendance_replaces_the_held_row_and_moves_the_data_version() {
    for store in stores().await {
        let world = example_world();
        store.insert_world(&world).await.unwrap();
        let pupil = &world.pupils[0];
        let year = world.years[0].id;
        let school = SchoolId(pupil.school_id);
        let row = |attended| NewAttendance {
            pupil: pupil.id,
            year,
            sessions_possible: 300,
            sessions_attended: attended,
            exclusions: 1,
            incidents: 2,
        };
        let before = store.data_version().await.unwrap();
        store
            .attendance()
            .insert_generated(&[row(250)])
            .await
            .unwrap();
        store
            .attendance()
            .insert_generated(&[row(280)])
            .await
            .unwrap();
        assert!(store.data_version().await.unwrap() > before);
        let rows = store.attendance().pupils(school, year).await.unwrap();
        assert_eq!(rows.len(), 1, "replaced, not duplicated");
        assert_eq!(rows[0].sessions_attended, 280);
        assert_eq!(rows[0].disadvantaged, pupil.disadvantaged);
        let years = store.attendance().years(school).await.unwrap();
        assert_eq!(years.iter().map(|y| y.id).collect::<Vec<_>>(), [year]);
        // Another school holds none of it.
        let other = world
            .schools
            .iter()
            .find(|s| s.id != pupil.school_id)
            .unwrap()
            .id;
        assert!(
            store
                .attendance()
                .pupils(SchoolId(other), year)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
