//! The demo's advice network at Cwmderwen High School (the demo head's school): a round of
//! "who do you go to for advice about …?" that staff have answered and that is still open,
//! so a demo member of staff can change their answer and the head can read the results.
//!
//! The head has turned names on (the school's setting, off by default) before opening the
//! round, so the head reads names and the senior leaders read the structure without them.
//!
//! The story it tells: on teaching mathematics, the head of mathematics is not where
//! mathematics teachers go; they go to a science teacher without a post, who is also
//! sought out on using data (an informal leader in science). A member of the support staff
//! is who colleagues turn to about well-being (a second informal leader). Behaviour runs
//! through the deputy head; curriculum planning through the heads of department, as the
//! structure chart says. One member of staff in six has not answered.
//!
//! Everything goes through the store's ordinary API (a round, each person's answer).

use anyhow::Context;
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::network::Topic;
use headway_store::Store;
use headway_store::seed::World;

/// Every how-many-th member of staff has not answered.
const NON_RESPONSE_EVERY: usize = 6;

/// The school's staff by role and department, in the world's order.
struct Staff {
    head: i64,
    deputy: i64,
    senior: Vec<i64>,
    /// Heads of department by subject id.
    heads_of_department: Vec<(i64, i64)>,
    /// Teachers by subject id.
    teachers: Vec<(i64, i64)>,
    support: Vec<i64>,
    data_manager: Option<i64>,
}

impl Staff {
    fn of(world: &World, school: i64) -> Option<Staff> {
        let roles = || world.roles.iter().filter(|r| r.org_id == school);
        let of_role = |role: &str| -> Vec<i64> {
            roles()
                .filter(|r| r.role == role)
                .map(|r| r.person_id)
                .collect()
        };
        let senior = of_role("senior_leader");
        Some(Staff {
            head: *of_role("head").first()?,
            deputy: *senior.first()?,
            senior,
            heads_of_department: roles()
                .filter(|r| r.role == "middle_leader")
                .filter_map(|r| Some((r.subject_id?, r.person_id)))
                .collect(),
            teachers: roles()
                .filter(|r| r.role == "teacher")
                .filter_map(|r| Some((r.subject_id?, r.person_id)))
                .collect(),
            support: of_role("support_staff"),
            data_manager: of_role("data_manager").first().copied(),
        })
    }

    fn everyone(&self) -> Vec<i64> {
        let mut all = vec![self.head];
        all.extend(&self.senior);
        all.extend(self.heads_of_department.iter().map(|(_, p)| *p));
        all.extend(self.teachers.iter().map(|(_, p)| *p));
        all.extend(&self.support);
        all.extend(self.data_manager);
        all.dedup();
        all
    }

    fn department_of(&self, person: i64) -> Option<i64> {
        self.heads_of_department
            .iter()
            .chain(&self.teachers)
            .find(|(_, p)| *p == person)
            .map(|(s, _)| *s)
    }

    fn head_of(&self, subject: i64) -> Option<i64> {
        self.heads_of_department
            .iter()
            .find(|(s, _)| *s == subject)
            .map(|(_, p)| *p)
    }

    fn teachers_of(&self, subject: i64) -> Vec<i64> {
        self.teachers
            .iter()
            .filter(|(s, _)| *s == subject)
            .map(|(_, p)| *p)
            .collect()
    }
}

/// The subject id of a subject by its English name.
fn subject(world: &World, name: &str) -> Option<i64> {
    world
        .subjects
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name))
        .map(|s| s.id)
}

/// Whom `person` names on each topic.
fn answers(
    staff: &Staff,
    person: i64,
    k: usize,
    mathematics: i64,
    science_lead: i64,
    wellbeing_lead: Option<i64>,
) -> Vec<(Topic, i64)> {
    let mut named = Vec::new();
    let department = staff.department_of(person);
    let maths_teachers = staff.teachers_of(mathematics);
    // Teaching mathematics: mathematics and science teachers, and the deputy, go to the
    // science teacher; each mathematics teacher also asks the next; only the first of them
    // (the demo's teacher) goes to the head of mathematics.
    if department == Some(mathematics) || staff.senior.contains(&person) {
        named.push((Topic::TeachingMathematics, science_lead));
        if let Some(at) = maths_teachers.iter().position(|&t| t == person) {
            let colleague = maths_teachers[(at + 1) % maths_teachers.len()];
            named.push((Topic::TeachingMathematics, colleague));
        }
        if maths_teachers.first() == Some(&person)
            && let Some(head_of_maths) = staff.head_of(mathematics)
        {
            named.push((Topic::TeachingMathematics, head_of_maths));
        }
    } else if department.is_some() && k.is_multiple_of(2) {
        named.push((Topic::TeachingMathematics, science_lead));
    }
    // Behaviour: the deputy head, and the head for those who lead.
    named.push((Topic::Behaviour, staff.deputy));
    if staff.heads_of_department.iter().any(|(_, p)| *p == person) || k.is_multiple_of(4) {
        named.push((Topic::Behaviour, staff.head));
    }
    // Curriculum planning: one's own head of department; heads of department go to the
    // deputy.
    match department.and_then(|d| staff.head_of(d)) {
        Some(head) if head != person => named.push((Topic::CurriculumPlanning, head)),
        _ => named.push((Topic::CurriculumPlanning, staff.deputy)),
    }
    // Using data: the data manager, and the science teacher for teachers.
    if let Some(data_manager) = staff.data_manager {
        named.push((Topic::UsingData, data_manager));
    }
    if department.is_some() && !k.is_multiple_of(3) {
        named.push((Topic::UsingData, science_lead));
    }
    // Well-being: the member of the support staff most turn to, and a colleague.
    if let Some(lead) = wellbeing_lead
        && k % 3 != 2
    {
        named.push((Topic::WellBeing, lead));
    }
    if let Some(d) = department
        && let Some(&colleague) = staff
            .teachers_of(d)
            .iter()
            .find(|&&t| t != person && (t as usize + k).is_multiple_of(2))
    {
        named.push((Topic::WellBeing, colleague));
    }
    named.retain(|(_, target)| *target != person);
    named
}

/// The demo school, the head, and each member of staff's answer (those who answered); `None`
/// if the demo head's school is not in the world.
type Plan = (i64, i64, Vec<(i64, Vec<(Topic, PersonId)>)>);

fn plan(world: &World) -> Option<Plan> {
    let head = world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(super::diagnostic::HEAD_EMAIL))?;
    let school = world
        .roles
        .iter()
        .find(|r| r.person_id == head.id && r.role == "head")
        .map(|r| r.org_id)?;
    let staff = Staff::of(world, school)?;
    let mathematics = subject(world, "Mathematics")?;
    let science = subject(world, "Science")?;
    let science_lead = *staff.teachers_of(science).first()?;
    let wellbeing_lead = staff.support.first().copied();
    let answered = staff
        .everyone()
        .into_iter()
        .enumerate()
        .filter(|(k, _)| k % NON_RESPONSE_EVERY != NON_RESPONSE_EVERY - 1)
        .map(|(k, person)| {
            let named = answers(&staff, person, k, mathematics, science_lead, wellbeing_lead)
                .into_iter()
                .map(|(topic, target)| (topic, PersonId(target)))
                .collect();
            (person, named)
        })
        .collect();
    Some((school, head.id, answered))
}

/// Seeds the round; does nothing if the demo head's school is not in the world.
pub async fn seed(store: &Store, world: &World) -> anyhow::Result<()> {
    let Some((school, head, answered)) = plan(world) else {
        return Ok(());
    };
    let view = store.advice_network();
    let mut tx = store.begin().await?;
    // The demo's head has turned names on before opening the round, so its notice told
    // staff the head alone sees names; senior leaders read the structure without them.
    view.set_names_to_head(&mut tx, SchoolId(school), true, PersonId(head))
        .await?;
    let round = view
        .open_round(&mut tx, SchoolId(school), PersonId(head), true)
        .await
        .context("opening the demo's advice-network round")?;
    for (person, named) in &answered {
        view.save_answer(&mut tx, round, PersonId(*person), named)
            .await?;
    }
    const DAY: i64 = 86_400;
    view.set_round_dates(&mut tx, round, store.now() - 12 * DAY, None)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_domain::network::topic_report;
    use headway_store::network::StaffRole;

    /// The story holds: on teaching mathematics the science teacher without a post is an
    /// informal leader and the head of mathematics is not central; someone of the support
    /// staff is an informal leader on well-being.
    #[test]
    fn the_demo_network_has_an_informal_leader_in_science_and_a_head_of_mathematics_on_the_edge() {
        let demo = super::super::generate::generate(super::super::generate::DEFAULT_SEED, "");
        let world = &demo.world;
        let (school, _, answered) = plan(world).unwrap();
        let name = |id: i64| {
            world
                .people
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.display_name.clone())
                .unwrap()
        };
        let subject_name = |id: Option<i64>| {
            id.and_then(|id| world.subjects.iter().find(|s| s.id == id))
                .map(|s| s.name.clone())
        };
        let roles: Vec<StaffRole> = world
            .roles
            .iter()
            .filter(|r| r.org_id == school)
            .map(|r| StaffRole {
                person_id: r.person_id,
                display_name: name(r.person_id),
                role: r.role.to_owned(),
                department: subject_name(r.subject_id),
            })
            .collect();
        let staff = headway_app::network::staff_of(&roles);
        let respondents: Vec<PersonId> = answered.iter().map(|(p, _)| PersonId(*p)).collect();
        assert!(respondents.len() < staff.len(), "some have not answered");
        let report_on = |topic: Topic| {
            let ties: Vec<(PersonId, PersonId)> = answered
                .iter()
                .flat_map(|(p, named)| {
                    named
                        .iter()
                        .filter(move |(t, _)| *t == topic)
                        .map(move |(_, target)| (PersonId(*p), *target))
                })
                .collect();
            topic_report(topic, &staff, &respondents, &ties).unwrap()
        };
        let maths = report_on(Topic::TeachingMathematics);
        let informal: Vec<_> = maths.informal_leaders().collect();
        assert_eq!(informal.len(), 1);
        assert_eq!(informal[0].member.department.as_deref(), Some("Science"));
        let head_of_maths = maths
            .people
            .iter()
            .find(|p| {
                p.member.role == headway_domain::roles::Role::MiddleLeader
                    && p.member.department.as_deref() == Some("Mathematics")
            })
            .unwrap();
        assert!(!head_of_maths.sought_out);
        assert!(head_of_maths.in_degree * 3 < informal[0].in_degree);
        let wellbeing = report_on(Topic::WellBeing);
        assert!(
            wellbeing
                .informal_leaders()
                .any(|p| p.member.role == headway_domain::roles::Role::SupportStaff)
        );
    }
}
