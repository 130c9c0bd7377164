//! "Make this a priority" on the progress figures: the head sees it with the evidence and a
//! measure to bind; a teacher and a governor do not (they may not edit the plan).

use crate::progress::spawn;
use headway_domain::planning::measure::MeasureSpec;

/// Every "Make this a priority" link of a page, its query decoded into pairs.
fn priority_links(body: &str) -> Vec<(String, Vec<(String, String)>)> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("/plan/priorities/new?"))
        .map(|href| {
            let href = href.replace("&amp;", "&").replace("&#38;", "&");
            let (path, query) = href.split_once('?').unwrap();
            let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            assert!(
                pairs
                    .iter()
                    .all(|(_, v)| !v.contains("Unknown localization key")),
                "{pairs:?}"
            );
            (path.to_owned(), pairs)
        })
        .collect()
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn measure(pairs: &[(String, String)]) -> MeasureSpec {
    serde_json::from_str(
        get(pairs, "measure_spec").unwrap_or_else(|| panic!("no measure in {pairs:?}")),
    )
    .unwrap()
}

/// A local path: one `/` then the rest, never another site.
fn is_local(link: &str) -> bool {
    link.starts_with('/') && !link.starts_with("//") && !link.contains("://")
}

#[tokio::test]
async fn the_head_can_make_a_subjects_value_added_and_its_gap_a_priority() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(">Make this a priority</a>"));
    let links = priority_links(&page.body);
    // What stands out (the overview above the subject): weak mathematics, as a sentence.
    let standout = links
        .iter()
        .find(|(_, q)| {
            get(q, "evidence_url").is_some_and(|l| l.ends_with("subject=1#subject-detail"))
        })
        .expect("a link on the sentence of what stands out");
    assert_eq!(get(&standout.1, "evidence_kind"), Some("progress-va"));
    assert!(
        get(&standout.1, "evidence_note")
            .unwrap()
            .starts_with("Mathematics")
    );
    assert_eq!(
        measure(&standout.1),
        MeasureSpec::ValueAdded {
            subject: "MAT".into(),
            group: None,
            contextual: false
        }
    );
    // The subject's own figure.
    let va = links
        .iter()
        .find(|(_, q)| {
            get(q, "evidence_kind") == Some("progress-va")
                && get(q, "evidence_url").is_some_and(|l| !l.contains('#'))
        })
        .expect("a link on the subject's value added");
    assert_eq!(va.0, "/schools/10/plan/priorities/new");
    assert_eq!(
        measure(&va.1),
        MeasureSpec::ValueAdded {
            subject: "MAT".into(),
            group: None,
            contextual: false
        }
    );
    let link = get(&va.1, "evidence_url").unwrap();
    assert!(is_local(link), "{link}");
    assert!(link.starts_with("/schools/10/progress?") && link.contains("subject=1"));
    let text = get(&va.1, "evidence_note").unwrap();
    assert!(
        text.starts_with("Mathematics: value added −") && text.ends_with(", 2025/26"),
        "{text}"
    );
    assert!(text.contains(" to "), "the interval is given: {text}");
    assert_eq!(
        get(&va.1, "title"),
        Some("Raise value added in Mathematics")
    );
    // Following it opens the plan's new-priority form with the evidence and the measure
    // already there.
    let href = page
        .body
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.contains("/plan/priorities/new?") && href.contains("progress-va"))
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let form = app.get(&href).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Raise value added in Mathematics"),
        "the title: {}",
        form.body
    );
    assert!(
        form.body.contains("value_added"),
        "the measure is bound: {}",
        form.body
    );
    // The gap's link, when the gap is shown, binds the disadvantaged gap.
    if let Some(gap) = links
        .iter()
        .find(|(_, q)| get(q, "evidence_kind") == Some("progress-gap"))
    {
        assert_eq!(
            measure(&gap.1),
            MeasureSpec::DisadvantagedGap {
                subject: "MAT".into()
            }
        );
        assert!(is_local(get(&gap.1, "evidence_url").unwrap()));
    } else {
        assert!(
            page.body.contains("gap is not shown") || page.body.contains("class=\"suppressed\""),
            "no gap link only where the gap is hidden"
        );
    }

    let behind = app.get("/schools/10/falling-behind?subject=1").await;
    assert_eq!(behind.status, 200, "{}", behind.body);
    let links = priority_links(&behind.body);
    assert_eq!(links.len(), 1, "one link, on the count");
    let (_, query) = &links[0];
    assert_eq!(get(query, "evidence_kind"), Some("falling-behind"));
    assert_eq!(
        measure(query),
        MeasureSpec::FallingBehind {
            subject: Some("MAT".into()),
            group: None
        }
    );
    let link = get(query, "evidence_url").unwrap();
    assert!(
        is_local(link) && link.starts_with("/schools/10/falling-behind?"),
        "{link}"
    );
    assert!(
        get(query, "evidence_note")
            .unwrap()
            .contains("pupils falling behind")
    );
}

#[tokio::test]
async fn a_teacher_and_a_governor_see_no_priority_links() {
    let mut app = spawn().await;
    app.sign_in_as("governor@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Well below average"),
        "the figures are shown"
    );
    assert!(priority_links(&page.body).is_empty());
    assert!(!page.body.contains("Make this a priority"));

    app.new_visitor();
    app.sign_in_as("teacher@ten.test").await;
    let behind = app.get("/schools/10/falling-behind?subject=1").await;
    assert_eq!(behind.status, 200, "{}", behind.body);
    assert!(priority_links(&behind.body).is_empty());
    assert!(!behind.body.contains("Make this a priority"));
}

#[tokio::test]
async fn the_head_can_make_a_360_focus_suggestion_a_priority() {
    let body = crate::diagnostic::report_with_teachers(5).await;
    let links = priority_links(&body);
    let first = links.first().expect("a link on each focus suggestion");
    assert_eq!(get(&first.1, "evidence_kind"), Some("diagnostic-focus"));
    // Suggestions come in priority order: teacher learning first here.
    assert_eq!(get(&first.1, "dimension"), Some("teacher_learning"));
    assert_eq!(
        measure(&first.1),
        MeasureSpec::Leadership360 {
            dimension: "teacher_learning".into()
        }
    );
    let link = get(&first.1, "evidence_url").unwrap();
    assert!(
        is_local(link) && link.starts_with("/diagnostic/rounds/"),
        "{link}"
    );
    assert!(
        get(&first.1, "title")
            .unwrap()
            .starts_with("Focus on: Promoting and participating in teacher learning")
    );
}
