//! "Make this a priority": the link from a figure (a subject's value added, the
//! disadvantaged gap, pupils falling behind, a 360 focus suggestion) to a new draft priority
//! of the school's plan, carrying the evidence and the measure to bind (issue 15, item 2).
//! Every page builds the link here, so the plan's form reads one set of parameters.

use crate::i18n::Tr;
use headway_domain::access::{Action, Principal};
use headway_domain::ids::SchoolId;
use headway_domain::planning::measure::MeasureSpec;

/// Which kind of figure a priority starts from (the `evidence_kind` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    ProgressValueAdded,
    ProgressGap,
    FallingBehind,
    DiagnosticFocus,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::ProgressValueAdded => "progress-va",
            EvidenceKind::ProgressGap => "progress-gap",
            EvidenceKind::FallingBehind => "falling-behind",
            EvidenceKind::DiagnosticFocus => "diagnostic-focus",
        }
    }
}

/// The figure a priority starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The local path of the figure (`/schools/1/progress?year=2&subject=3`).
    pub link: String,
    /// A short description in the reader's language, e.g. "Mathematics: value added −0.60
    /// (−0.80 to −0.41), 2025/26".
    pub text: String,
    /// A suggested title for the priority.
    pub title: String,
    /// The Robinson dimension's key, for a 360 suggestion.
    pub dimension: Option<String>,
    /// The measure to bind to the priority.
    pub measure: Option<MeasureSpec>,
}

/// The link to a new draft priority of `school`'s plan, with the evidence as query
/// parameters (`evidence_kind`, `evidence_url`, `evidence_note`, `title`, `dimension`,
/// `measure_spec` — the measure as JSON), each percent-encoded: the plan's new-priority
/// form reads them.
pub fn make_priority_link(school: SchoolId, evidence: &Evidence) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("evidence_kind", evidence.kind.as_str())
        .append_pair("evidence_url", &evidence.link)
        .append_pair("evidence_note", &evidence.text)
        .append_pair("title", &evidence.title);
    if let Some(dimension) = &evidence.dimension {
        query.append_pair("dimension", dimension);
    }
    if let Some(measure) = &evidence.measure {
        let json = serde_json::to_string(measure).expect("a measure serialises to JSON");
        query.append_pair("measure_spec", &json);
    }
    format!(
        "/schools/{}/plan/priorities/new?{}",
        school.0,
        query.finish()
    )
}

/// Whether `principal` may start a priority in `school`'s plan, i.e. edit the plan.
///
/// Whether `principal` may turn a figure into a priority: whoever may edit the school's
/// plan (the policy's `EditPlan`: the school's head and senior leaders).
pub fn may_make_priority(principal: &Principal, school: SchoolId) -> bool {
    principal.may(&Action::EditPlan(school)).is_ok()
}

/// The link as a page shows it: where it goes and its words ("Make this a priority", with
/// what it is about for a screen reader's list of links).
#[derive(Debug, Clone)]
pub struct PriorityLink {
    pub href: String,
    pub text: String,
    pub label: String,
}

impl PriorityLink {
    /// The link for `evidence`, or `None` when the viewer may not edit the plan.
    pub fn for_viewer(
        t: &Tr,
        principal: &Principal,
        school: SchoolId,
        evidence: &Evidence,
    ) -> Option<PriorityLink> {
        may_make_priority(principal, school).then(|| PriorityLink {
            href: make_priority_link(school, evidence),
            text: t.get("make-priority"),
            label: t.named("make-priority-label", &evidence.text),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_domain::access::Grant;
    use headway_domain::ids::{OrgId, PersonId};
    use headway_domain::roles::Role;

    fn evidence() -> Evidence {
        Evidence {
            kind: EvidenceKind::ProgressValueAdded,
            link: "/schools/3/progress?year=2&subject=5".into(),
            text: "Mathemateg: gwerth ychwanegol −0.60 (−0.80 i −0.41), 2025/26".into(),
            title: "Codi gwerth ychwanegol yn Mathemateg".into(),
            dimension: None,
            measure: Some(MeasureSpec::ValueAdded {
                subject: "MAT".into(),
                group: None,
                contextual: false,
            }),
        }
    }

    #[test]
    fn the_link_carries_every_parameter_encoded_and_the_measure_as_json() {
        let link = make_priority_link(SchoolId(3), &evidence());
        let (path, query) = link.split_once('?').unwrap();
        assert_eq!(path, "/schools/3/plan/priorities/new");
        assert!(!query.contains(' ') && !query.contains('"'), "{query}");
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("evidence_kind"), Some("progress-va"));
        assert_eq!(
            get("evidence_url"),
            Some("/schools/3/progress?year=2&subject=5")
        );
        assert_eq!(get("evidence_note"), Some(evidence().text.as_str()));
        assert_eq!(get("title"), Some(evidence().title.as_str()));
        assert_eq!(get("dimension"), None);
        let measure: MeasureSpec = serde_json::from_str(get("measure_spec").unwrap()).unwrap();
        assert_eq!(Some(measure), evidence().measure);
    }

    #[test]
    fn only_the_schools_head_and_senior_leaders_may_make_a_priority() {
        let person = |role: Role, schools: Vec<SchoolId>| Principal {
            person: PersonId(1),
            name: "A".into(),
            grants: vec![Grant {
                role,
                org: OrgId(1),
                subject: None,
                schools,
            }],
            taught_classes: Vec::new(),
        };
        let here = SchoolId(3);
        assert!(may_make_priority(&person(Role::Head, vec![here]), here));
        assert!(may_make_priority(
            &person(Role::SeniorLeader, vec![here]),
            here
        ));
        assert!(!may_make_priority(
            &person(Role::Head, vec![SchoolId(4)]),
            here
        ));
        for role in [
            Role::MiddleLeader,
            Role::Teacher,
            Role::Governor,
            Role::DataManager,
            Role::ClusterLead,
        ] {
            assert!(
                !may_make_priority(&person(role, vec![here]), here),
                "{role:?}"
            );
        }
    }
}
