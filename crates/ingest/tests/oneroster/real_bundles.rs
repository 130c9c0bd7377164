//! Bundles as other systems really write them, built here with the traits testers met:
//! terms carrying their year only in the `schoolYear` column, the same enrolment or row
//! twice, and OneRoster 1.1's shape (a `role` column, `orgSourcedIds`, no roles.csv).

use headway_ingest::oneroster::{Bundle, Options, Validated, validate};
use time::macros::date;

/// A OneRoster 1.1 bundle of one school: the year only in the terms' `schoolYear` column,
/// users with a `role` and an `orgSourcedIds` list naming the district first.
const V11: &[(&str, &str)] = &[
    (
        "manifest.csv",
        "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n\
         file.academicSessions,bulk\nfile.categories,bulk\nfile.classes,bulk\n\
         file.courses,bulk\nfile.demographics,bulk\nfile.enrollments,bulk\n\
         file.lineItems,bulk\nfile.orgs,bulk\nfile.results,bulk\nfile.users,bulk\n",
    ),
    (
        "orgs.csv",
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n\
         la1,,,County,district,,\n\
         sch1,,,High School,school,6610001,la1\n",
    ),
    (
        "academicSessions.csv",
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n\
         t1,,,Autumn,term,2023-09-04,2023-12-20,,2024\n\
         t2,,,Spring,term,2024-01-08,2024-04-12,,2024\n\
         t3,,,Summer,term,2024-04-22,2024-07-19,,2024\n\
         gp1,,,Autumn half 1,gradingPeriod,2023-09-04,2023-10-27,t1,2024\n",
    ),
    (
        "users.csv",
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n\
         tch1,,,true,\"la1,sch1\",teacher,tj,,Tom,Jones,,,tom@school.test,,,,,\n\
         s1,,,true,\"la1,sch1\",student,s1,,Ann,Lee,,,,,,,07,\n\
         s2,,,true,sch1,student,s2,,Bo,Ng,,,,,,,07,\n\
         g1,,,true,sch1,guardian,g1,,Gail,Lee,,,,,,s1,,\n",
    ),
    (
        "demographics.csv",
        "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus\n\
         s1,,,2012-05-06,female,false,false,false,false,true,false,false,,,,\n",
    ),
    (
        "courses.csv",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n\
         c1,,,,Maths 7,MA7,07,sch1,Mathematics,MA\n",
    ),
    (
        "classes.csv",
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n\
         k1,,,7M1,07,c1,7M1,scheduled,,sch1,\"t1,t2,t3\",,,\n",
    ),
    (
        "enrollments.csv",
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n\
         e0,,,k1,sch1,tch1,teacher,true,,\n\
         e1,,,k1,sch1,s1,student,false,,\n\
         e2,,,k1,sch1,s2,student,false,,\n",
    ),
    (
        "categories.csv",
        "sourcedId,status,dateLastModified,title\ncb,,,Baseline\n",
    ),
    (
        "lineItems.csv",
        "sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,gradingPeriodSourcedId,resultValueMin,resultValueMax\n\
         l1,,,Baseline test,,2023-09-11,2023-09-15,k1,cb,gp1,0,100\n",
    ),
    (
        "results.csv",
        "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\n\
         r1,,,l1,s1,fully graded,61,2023-09-15,\n\
         r2,,,l1,s2,fully graded,48,2023-09-15,\n",
    ),
];

fn bundle_of(files: &[(&str, &str)]) -> Bundle {
    Bundle {
        files: files
            .iter()
            .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
            .collect(),
        ..Bundle::default()
    }
}

/// The 1.1 bundle with `file`'s text passed through `edit`.
fn v11_with(file: &str, edit: impl Fn(&str) -> String) -> Validated {
    let mut bundle = bundle_of(V11);
    let text = String::from_utf8(bundle.files[file].clone()).unwrap();
    bundle
        .files
        .insert(file.to_owned(), edit(&text).into_bytes());
    validate(&bundle, &Options::default(), &mut |_, _| {})
}

fn notes(v: &Validated) -> Vec<String> {
    v.notes.iter().map(|n| n.english()).collect()
}

#[test]
fn a_oneroster_1_1_bundle_imports_with_its_role_column_and_org_list() {
    let v = v11_with("manifest.csv", str::to_owned);
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let b = &v.batch;
    let pupils: Vec<(&str, &str)> = b
        .pupils
        .iter()
        .map(|p| (p.source_id.as_str(), p.school.as_str()))
        .collect();
    // The district first in s1's orgSourcedIds is not taken for the school.
    assert_eq!(pupils, [("s1", "sch1"), ("s2", "sch1")]);
    assert_eq!(b.people.len(), 1, "the guardian is not kept");
    assert_eq!(b.people[0].school.as_deref(), Some("sch1"));
    let context = b.pupils[0].context.as_ref().unwrap();
    assert_eq!(context.gender.as_deref(), Some("female"));
    assert_eq!(context.birth_date, Some(date!(2012 - 05 - 06)));
    assert_eq!(b.teaching.len(), 1);
    assert_eq!(b.enrolments.len(), 2);
    assert_eq!(b.assessment_points.len(), 1);
    assert_eq!(b.results.len(), 2);
}

#[test]
fn terms_with_the_year_only_in_their_school_year_column_make_the_year_from_their_dates() {
    let v = v11_with("manifest.csv", str::to_owned);
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let b = &v.batch;
    assert_eq!(b.years.len(), 1, "{:#?}", b.years);
    let year = &b.years[0];
    assert_eq!(year.name, "2023/24");
    assert_eq!(
        year.starts_on,
        date!(2023 - 09 - 04),
        "the earliest term start"
    );
    assert_eq!(year.ends_on, date!(2024 - 07 - 19), "the latest term end");
    assert_eq!(b.classes[0].year, year.source_id);
    // The grading period under a term is in the same year.
    assert_eq!(b.assessment_points[0].year, year.source_id);
}

#[test]
fn a_school_year_session_of_the_same_number_is_the_year_of_terms_without_a_parent() {
    let v = v11_with("academicSessions.csv", |t| {
        format!("{t}y24,,,2023-24,schoolYear,2023-09-01,2024-08-31,,2024\n")
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let years: Vec<_> = v.batch.years.iter().map(|y| y.source_id.as_str()).collect();
    assert_eq!(years, ["y24"], "no second year is made");
    assert_eq!(v.batch.years[0].starts_on, date!(2023 - 09 - 01));
    assert_eq!(v.batch.classes[0].year, "y24");
}

#[test]
fn terms_of_two_school_years_make_two_years() {
    let v = v11_with("academicSessions.csv", |t| {
        format!("{t}t4,,,Autumn,term,2024-09-02,2024-12-20,,2025\n")
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let years: Vec<_> = v
        .batch
        .years
        .iter()
        .map(|y| (y.name.as_str(), y.starts_on, y.ends_on))
        .collect();
    assert_eq!(
        years,
        [
            ("2023/24", date!(2023 - 09 - 04), date!(2024 - 07 - 19)),
            ("2024/25", date!(2024 - 09 - 02), date!(2024 - 12 - 20)),
        ]
    );
}

#[test]
fn a_school_year_that_is_not_a_year_is_named() {
    let v = v11_with("academicSessions.csv", |t| {
        t.replace("2024-04-12,,2024", "2024-04-12,,2023-24")
    });
    let p = &v.problems[0];
    assert_eq!(
        (p.file.as_str(), p.line, p.column.as_str()),
        ("academicSessions.csv", 3, "schoolYear"),
        "{p}"
    );
    assert!(p.reason().contains("`2023-24`"), "{p}");
}

#[test]
fn a_1_1_bundle_without_roles_names_the_file_and_column_it_lacks() {
    let v = v11_with("users.csv", |t| t.replace(",role,", ",kind,"));
    let p = v
        .problems
        .iter()
        .find(|p| p.file == "users.csv")
        .expect("users.csv named");
    assert_eq!((p.line, p.column.as_str()), (1, "role"), "{p}");
    let v = v11_with("academicSessions.csv", |t| {
        t.replace(",schoolYear\n", ",year\n")
    });
    let p = &v.problems[0];
    assert_eq!(
        (p.file.as_str(), p.line, p.column.as_str()),
        ("academicSessions.csv", 1, "schoolYear"),
        "{p}"
    );
}

#[test]
fn a_teacher_twice_on_a_class_is_one_teaching_pair_with_a_note_naming_the_line() {
    let v = v11_with("enrollments.csv", |t| {
        format!("{t}e0b,,,k1,sch1,tch1,teacher,false,,\n")
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    assert_eq!(v.batch.teaching.len(), 1);
    let notes = notes(&v);
    assert!(
        notes.iter().any(|n| n.contains("enrollments.csv, line 5")
            && n.contains("`tch1`")
            && n.contains("line 2")),
        "{notes:#?}"
    );
}

#[test]
fn a_pupil_enrolled_twice_under_two_sourced_ids_is_enrolled_once() {
    let v = v11_with("enrollments.csv", |t| {
        format!("{t}e1-again,,,k1,sch1,s1,student,false,2023-09-04,\n")
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let enrolments: Vec<_> = v
        .batch
        .enrolments
        .iter()
        .map(|e| (e.source_id.as_str(), e.pupil.as_str()))
        .collect();
    assert_eq!(enrolments, [("e1", "s1"), ("e2", "s2")]);
    assert!(
        notes(&v).iter().any(|n| n.contains("line 5")),
        "{:?}",
        notes(&v)
    );
}

#[test]
fn a_row_repeated_exactly_is_taken_once_with_a_note_and_a_changed_repeat_is_a_problem() {
    let v = v11_with("users.csv", |t| {
        let s2 = t.lines().find(|l| l.starts_with("s2,")).unwrap();
        format!("{t}{s2}\n")
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    assert_eq!(v.batch.pupils.len(), 2);
    assert!(
        notes(&v)
            .iter()
            .any(|n| n == "users.csv, line 6 repeats line 4 exactly; the two were taken as one row"),
        "{:?}",
        notes(&v)
    );

    let v = v11_with("users.csv", |t| {
        format!("{t}s2,,,true,sch1,student,s2,,Bo,Ngo,,,,,,,07,\n")
    });
    assert_eq!(v.problems.len(), 1, "{:#?}", v.problems);
    let p = &v.problems[0];
    assert_eq!(
        (p.file.as_str(), p.line, p.column.as_str()),
        ("users.csv", 6, "sourcedId")
    );
    assert!(p.reason().contains("first on line 4"), "{p}");
}

#[test]
fn many_repeats_are_named_up_to_twenty_and_counted_after() {
    let v = v11_with("results.csv", |t| {
        let r1 = t.lines().find(|l| l.starts_with("r1,")).unwrap();
        format!("{t}{}", format!("{r1}\n").repeat(25))
    });
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let notes = notes(&v);
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.contains("repeats line 2"))
            .count(),
        20
    );
    assert!(
        notes.contains(
            &"5 more repeated rows in results.csv were taken as one with the row they repeat"
                .to_owned()
        ),
        "{notes:#?}"
    );
    assert_eq!(v.batch.results.len(), 2);
}
