use super::*;
use crate::limits::Limits;

const SCHOOL: i64 = 7;

fn known() -> Known {
    Known {
        pupils: [("P1", SCHOOL), ("P2", SCHOOL), ("P3", SCHOOL), ("X9", 8)]
            .into_iter()
            .map(|(id, school)| (id.to_owned(), school))
            .collect(),
        subjects: ["MA", "EN"].into_iter().map(str::to_owned).collect(),
        points: [
            (
                "Y7-A",
                Scale {
                    min: Some(0.0),
                    max: Some(100.0),
                },
            ),
            (
                "Y7-B",
                Scale {
                    min: Some(1.0),
                    max: None,
                },
            ),
            (
                "Y7-C",
                Scale {
                    min: None,
                    max: Some(9.0),
                },
            ),
            ("Y7-D", Scale::default()),
        ]
        .into_iter()
        .map(|(id, scale)| (id.to_owned(), scale))
        .collect(),
    }
}

fn read(csv: &str) -> Sheet {
    Sheet::read("results.csv", csv.as_bytes(), &Limits::default()).unwrap()
}

fn check(csv: &str) -> Validated {
    let sheet = read(csv);
    validate(
        "results.csv",
        &sheet,
        &ColumnMapping::guess(&sheet.headings),
        &known(),
        SCHOOL,
    )
}

/// The problems as (line, column, reason in English). The reasons are leaked so that the
/// tests can compare plain tuples; a test makes a handful.
fn problems(validated: &Validated) -> Vec<(u64, &str, &'static str)> {
    validated
        .problems
        .iter()
        .map(|p| {
            assert_eq!(p.file, "results.csv");
            let reason: &'static str = Box::leak(p.reason().into_boxed_str());
            (p.line, p.column.as_str(), reason)
        })
        .collect()
}

fn result(pupil: &str, point: &str, subject: &str, score: f64) -> ImportResult {
    ImportResult {
        source_id: result_source_id(pupil, point, subject),
        pupil: pupil.to_owned(),
        point: point.to_owned(),
        subject_code: subject.to_owned(),
        score,
    }
}

#[test]
fn a_clean_sheet_gives_one_result_a_row_for_the_school() {
    let validated = check(
        "UPN,Surname,Subject,Assessment,Mark\n\
         P1,Ahmed,MA,Y7-A,56\n\
         P2,\"Brown, J\",MA,Y7-A,71.5\n\
         P1,Ahmed,EN,Y7-B,3\n\
         P3,Cole,EN,Y7-D,-2\n",
    );
    assert_eq!(problems(&validated), []);
    assert_eq!(validated.batch.school, Some(SCHOOL));
    assert_eq!(
        validated.batch.results,
        [
            result("P1", "Y7-A", "MA", 56.0),
            result("P2", "Y7-A", "MA", 71.5),
            result("P1", "Y7-B", "EN", 3.0),
            result("P3", "Y7-D", "EN", -2.0),
        ]
    );
    assert!(validated.batch.pupils.is_empty() && validated.batch.assessment_points.is_empty());
}

#[test]
fn a_result_keeps_its_source_id_whichever_sheet_or_row_it_comes_from() {
    let first = check("UPN,Subject,Test,Mark\nP1,MA,Y7-A,56\nP2,MA,Y7-A,60\n");
    let again = check("Mark,Test,Subject,UPN\n60,Y7-A,MA,P2\n99,Y7-A,MA,P1\n");
    assert_eq!(
        first.batch.results[0].source_id,
        again.batch.results[1].source_id
    );
    assert_eq!(
        first.batch.results[1].source_id,
        again.batch.results[0].source_id
    );
    assert_eq!(first.batch.results[0].source_id, "sheet:P1|Y7-A|MA");
    // Ids holding the separator cannot run together into another result's id.
    assert_ne!(
        result_source_id("a|b", "c", "d"),
        result_source_id("a", "b|c", "d")
    );
}

#[test]
fn every_row_problem_is_named_by_line_and_column_heading_in_one_pass() {
    let validated = check(
        "UPN,Subject,Assessment,Mark\n\
         P1,MA,Y7-A,50\n\
         ,MA,Y7-A,\n\
         P404,MA,Y7-A,50\n\
         X9,MA,Y7-A,50\n\
         P2,GEO,Y7-A,50\n\
         P2,MA,Y9-Z,50\n\
         P2,MA,Y7-A,fifty\n\
         P3,MA,Y7-A,101\n\
         P3,MA,Y7-B,0.5\n\
         P3,MA,Y7-C,10\n\
         P1,MA,Y7-A,50\n",
    );
    let got = problems(&validated);
    let at: Vec<(u64, &str)> = got.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        at,
        [
            (3, "UPN"),
            (3, "Mark"),
            (4, "UPN"),
            (5, "UPN"),
            (6, "Subject"),
            (7, "Assessment"),
            (8, "Mark"),
            (9, "Mark"),
            (10, "Mark"),
            (11, "Mark"),
            (12, "UPN"),
        ]
    );
    let reasons: Vec<&str> = got.iter().map(|p| p.2).collect();
    assert_eq!(reasons[0], "the pupil's id is missing");
    assert_eq!(reasons[1], "the score is missing");
    assert_eq!(
        reasons[2],
        "Headway has no pupil with the id `P404`: check the id, or import the school's pupils first"
    );
    assert_eq!(
        reasons[3],
        "the pupil `X9` is at another school: only this school's pupils can be given results here"
    );
    assert!(!reasons[3].contains('8'), "the other school is not named");
    assert_eq!(
        reasons[4],
        "Headway has no subject with the code `GEO` (the codes it knows are EN, MA)"
    );
    assert_eq!(
        reasons[5],
        "Headway has no assessment point with the id `Y9-Z`"
    );
    assert_eq!(reasons[6], "`fifty` is not a number");
    assert_eq!(
        reasons[7],
        "the score 101 is outside the assessment point's scale, 0 to 100"
    );
    assert_eq!(
        reasons[8],
        "the score 0.5 is below the assessment point's lowest score, 1"
    );
    assert_eq!(
        reasons[9],
        "the score 10 is above the assessment point's highest score, 9"
    );
    assert_eq!(
        reasons[10],
        "the pupil `P1` already has a result for this assessment point and subject on line 2"
    );
    // Only the first row was fine.
    assert_eq!(validated.batch.results, [result("P1", "Y7-A", "MA", 50.0)]);
}

#[test]
fn a_result_twice_in_the_sheet_names_the_first_line_each_time() {
    let validated = check(
        "UPN,Subject,Assessment,Mark\n\
         P1,MA,Y7-A,50\n\
         P1,EN,Y7-A,50\n\
         P1,MA,Y7-B,50\n\
         P1,MA,Y7-A,51\n\
         P1,MA,Y7-A,52\n",
    );
    let got = problems(&validated);
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[0].1), (5, "UPN"));
    assert!(got[0].2.ends_with("on line 2"), "{}", got[0].2);
    assert_eq!((got[1].0, got[1].1), (6, "UPN"));
    assert!(got[1].2.ends_with("on line 2"), "{}", got[1].2);
    assert_eq!(validated.batch.results.len(), 3);
}

#[test]
fn lines_are_the_lines_of_the_file_across_quoted_line_breaks_and_crlf() {
    let validated = check(
        "\u{feff}UPN,Note,Subject,Assessment,Mark\r\n\
         P1,\"two\r\nlines\",MA,Y7-A,50\r\n\
         P404,,MA,Y7-A,50\r\n",
    );
    assert_eq!(problems(&validated)[0].0, 4);
}

#[test]
fn an_unmapped_field_is_a_problem_with_the_mapping_at_line_0() {
    let sheet = read("UPN,Subject,Paper,Mark\nP1,MA,Y7-A,50\n");
    let mapping = ColumnMapping::guess(&sheet.headings);
    let validated = validate("results.csv", &sheet, &mapping, &known(), SCHOOL);
    assert_eq!(
        problems(&validated),
        [(
            0,
            "assessment",
            "no column is chosen for the assessment point: choose the column that holds it"
        )]
    );
    assert!(validated.batch.results.is_empty());
}

#[test]
fn a_mapped_heading_missing_from_the_file_is_named() {
    let sheet = read("UPN,Subject,Test,Score\nP1,MA,Y7-A,50\n");
    let mut mapping = ColumnMapping::guess(&sheet.headings);
    mapping.set(Field::Score, "Mark");
    let validated = validate("results.csv", &sheet, &mapping, &known(), SCHOOL);
    assert_eq!(
        problems(&validated),
        [(
            0,
            "score",
            "the column `Mark` chosen for the score is not in this file: choose the column that holds it"
        )]
    );
}

#[test]
fn rows_are_still_checked_when_the_mapping_is_incomplete() {
    let sheet = read("UPN,Subject,Paper,Mark\nP404,MA,Y7-A,50\n");
    let mapping = ColumnMapping::guess(&sheet.headings);
    let validated = validate("results.csv", &sheet, &mapping, &known(), SCHOOL);
    let at: Vec<(u64, &str)> = problems(&validated).iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(at, [(0, "assessment"), (2, "UPN")]);
}

#[test]
fn one_column_chosen_for_two_fields_is_a_problem() {
    let sheet = read("UPN,Subject,Test,Mark\nP1,MA,Y7-A,50\n");
    let mut mapping = ColumnMapping::guess(&sheet.headings);
    mapping.set(Field::Score, "Test");
    let validated = validate("results.csv", &sheet, &mapping, &known(), SCHOOL);
    assert_eq!(
        problems(&validated),
        [(
            0,
            "score",
            "the column `Test` is chosen for both the assessment point and the score: each needs its own column"
        )]
    );
    assert!(validated.batch.results.is_empty());
}

#[test]
fn a_mapped_heading_used_by_two_columns_is_a_problem_on_the_headings_line() {
    let validated = check("UPN,Subject,Test,Mark,Mark\nP1,MA,Y7-A,50,60\n");
    assert_eq!(
        problems(&validated),
        [(
            1,
            "Mark",
            "more than one column is headed `Mark`: rename the others so it is clear which holds the score"
        )]
    );
    assert!(validated.batch.results.is_empty());
}

#[test]
fn an_xlsx_sheet_with_numeric_ids_validates_like_its_csv() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let ws = workbook.add_worksheet();
    for (col, heading) in ["Pupil ID", "Subject", "Assessment", "Mark"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, col as u16, *heading).unwrap();
    }
    ws.write_number(1, 0, 1234.0).unwrap();
    ws.write_string(1, 1, "MA").unwrap();
    ws.write_string(1, 2, "Y7-A").unwrap();
    ws.write_number(1, 3, 64.0).unwrap();
    ws.write_number(2, 0, 999.0).unwrap();
    ws.write_string(2, 1, "MA").unwrap();
    ws.write_string(2, 2, "Y7-A").unwrap();
    ws.write_number(2, 3, 64.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let sheet = Sheet::read("results.xlsx", &bytes, &Limits::default()).unwrap();
    let mut known = known();
    known.pupils.insert("1234".to_owned(), SCHOOL);
    let mapping = ColumnMapping::guess(&sheet.headings);
    let validated = validate("results.xlsx", &sheet, &mapping, &known, SCHOOL);
    assert_eq!(
        validated.batch.results,
        [result("1234", "Y7-A", "MA", 64.0)]
    );
    assert_eq!(validated.problems.len(), 1);
    let p = &validated.problems[0];
    assert_eq!(
        (p.file.as_str(), p.line, p.column.as_str()),
        ("results.xlsx", 3, "Pupil ID")
    );
    assert!(p.reason().contains("`999`"), "{}", p.reason());
}
