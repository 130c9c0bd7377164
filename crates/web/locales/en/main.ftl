# Headway — English
skip-to-content = Skip to main content
nav-label = Main
nav-home = Home
nav-password = Password
sign-out = Sign out
footer-tagline = Headway — evidence-led school improvement. Figures show 95% confidence intervals; small groups are not shown.

sign-in-title = Sign in
sign-in-intro = Sign in with the email address and password your school gave you.
sign-in-button = Sign in
sign-in-failed = That email address and password do not match an account. Check them and try again.
sign-in-throttled = { $n ->
    [one] Too many failed attempts. Try again in { $n } second.
   *[other] Too many failed attempts. Try again in { $n } seconds.
}
field-email = Email address
field-password = Password

password-title = Change your password
password-button = Change password
password-changed = Your password has been changed.
password-hint = At least 10 characters. A short sentence is easy to remember and hard to guess.
password-mismatch = The new password and its confirmation are different.
password-wrong = Your current password is not right.
password-too-short = The new password needs at least 10 characters.
password-too-common = That password is too common to be safe: it is on lists of leaked passwords, or repeats a few characters. Choose another, such as a short sentence.
password-like-email = The new password must not be your email address or contain the part of it before the @.
field-current-password = Current password
field-new-password = New password
field-confirm-password = Confirm new password

home-title = Your overview
home-nothing-yet = Nothing to show yet: your account has no role in a school or cluster. Ask your administrator to add one.
home-my-classes = Your classes
home-classes-caption = Classes you teach in { $name }

school-on-roll = Pupils on roll
school-fsm = Free school meals
school-head-in-post = Head in post
school-no-results = No final results have been imported for this school yet.
school-results-caption = Final results { $name }: mean score by subject, disadvantaged pupils and others
fsm-band = { $n ->
    *[other] band { $n }
}
fsm-band-explanation-default = FSM bands group schools by the share of pupils eligible for free school meals: band 1 up to { $one }%, band 2 up to { $two }%, band 3 up to { $three }%, band 4 above. These cut points are Headway's defaults (the conventional English bands, not verified in a source); a deployment can set its own.
fsm-band-explanation-configured = FSM bands group schools by the share of pupils eligible for free school meals: band 1 up to { $one }%, band 2 up to { $two }%, band 3 up to { $three }%, band 4 above. These cut points were set for this deployment.
years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
org-no-schools = No schools belong to this organisation yet.
org-schools-caption = { $n ->
    [one] { $n } school
   *[other] { $n } schools
}

col-subject = Subject
col-pupils = Pupils
col-mean = Mean score
col-disadvantaged = Disadvantaged
col-other = Other pupils
col-gap = Gap
col-class = Class
col-year-group = Year group
col-school = School
col-phase = Phase
col-fsm-band = FSM band
col-pupil = Pupil
col-latest-assessment = Latest assessment
col-score = Score

phase-primary = Primary
phase-secondary = Secondary
phase-all_through = All-through
phase-special = Special

class-no-pupils = No pupils are enrolled in this class.
class-pupils-caption = Pupils and their latest result in this subject

suppressed-fewer-than = { $n ->
    [one] fewer than { $n } pupil: not shown
   *[other] fewer than { $n } pupils: not shown
}
pupil-count = { $n ->
    [one] { $n } pupil
   *[other] { $n } pupils
}
yes = Yes
no = No

error-not-found-title = Page not found
error-not-found-explanation = There is no page at this address. If you typed it, check it; if you followed a link, it may be out of date.
error-forbidden-title = You do not have access to this page
error-forbidden-explanation = Your account does not give you access to this page. If you think it should, ask your head or administrator.
error-bad-request-title = That request could not be used
error-bad-request-explanation = Something in the request was not right. Go back, reload the page and try again.
error-server-error-title = Something went wrong
error-server-error-explanation = Headway could not finish this request. Nothing you entered has been lost. Try again in a moment; if it keeps happening, tell your administrator.
error-reason = Reason
error-go-home = Go to your overview
error-status = Status
home-first-run-title = Start here: bring in your schools
home-first-run-schools = Headway holds no schools yet. Schools, their staff, pupils, classes and results come from an import of a OneRoster bundle exported from your management information system. On the server, import the bundle; the import prints each school it creates with its id and sourcedId. Then give each head or data manager an account at their school, by either.
home-no-administrator = This deployment has no administrator yet, so no one can import published expectations tables or look after every school. On the server, add one with: headway user add --role administrator --org ID (the id of an organisation above the schools, such as a district or trust).

suppressed-too-few = { $n ->
    [one] hidden: fewer than { $n } pupil
   *[other] hidden: fewer than { $n } pupils
}
suppressed-would-reveal = hidden: with the figures shown, it would reveal a smaller group
suppressed-hidden = hidden: too few pupils, or it would reveal a smaller group
export-file-name = { $school } – { $subject } – { $year } – { $table }
error-too-large-title = That is too large to take
error-too-large-explanation = Headway limits how much one request may send, so that no one can slow it down for everyone else. Nothing was saved.
error-incident = Incident { $name }. Quote it to your administrator: the log says what went wrong under the same number.
csrf-other-site = this form was sent from another site
csrf-session-expired = your session has expired; reload the page and try again
csrf-token-missing = the form's security token is missing; reload the page and try again
csrf-token-mismatch = the form's security token did not match; reload the page and try again
upload-unreadable = the upload could not be read as a form; choose the file again and send it
limit-body-too-large = what was sent is larger than the { $name } allowed
limit-pending-too-large = this upload would need more than the { $name } a school may keep waiting for confirmation

## What the store refuses, worded once for every page (web/src/error.rs)
error-cannot-be-done-title = That cannot be done as things stand
error-cannot-be-done-explanation = Headway holds something that this request would contradict. Nothing was changed.
record-person = the person
record-organisation = the organisation
record-school = the school
record-class = the class
record-pupil = the pupil
record-subject = the subject
record-academic-year = the academic year
record-assessment-point = the assessment point
record-table = the table
record-role = the role
record-upload = the upload waiting for confirmation
store-not-found = There is no such record: { $what } { $id }.
store-duplicate = This exists already: { $what } { $key }.
store-unknown-reference = Headway holds nothing that matches { $reason }.
store-conflict = This cannot be done as things stand: { $reason }.
store-needs-confirmation = This import needs your confirmation before anything is written. Nothing was written.
reference-unknown = { $what } '{ $id }'
conflict-several-schools-for-one = an import for one school holds several schools
conflict-school-sourced-id-differs = the files' school is '{ $bundle }', but this school's sourcedId is '{ $held }'
conflict-sourced-id-held-by-several-schools = { $schools } schools hold the sourcedId '{ $id }': import the files for one of them
conflict-school-code-taken = the school code '{ $code }' of '{ $school }' belongs to another school
conflict-year-dates-differ = the academic year '{ $year }' ({ $starts } to { $ends }) has the name of a year with other dates
conflict-pupil-already-at-school = pupil { $pupil } is already at school { $school }
conflict-pupil-sourced-id-taken = school { $school } already has a pupil with the sourcedId '{ $id }'
table-region = { $name } (table)
