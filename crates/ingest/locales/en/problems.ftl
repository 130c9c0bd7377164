# Why an imported file has a problem, and notes about rows left out. Each message keeps the
# values it names (ids, lines, numbers) as they were written in the file.

## Any CSV file
csv-unreadable = the file cannot be read as CSV: { $error }
required-column-missing = the required column is missing
required-field-empty = a required field is empty
not-utf8 = the value is not UTF-8 text; save the file as UTF-8
not-a-number = `{ $text }` is not a number
not-a-date = `{ $text }` is not a date (YYYY-MM-DD)
not-true-or-false = `{ $text }` is not true or false
id-used-twice = the sourcedId `{ $id }` is used twice (first on line { $first })
note-row-repeated = { $file }, line { $line } repeats line { $first } exactly; the two were taken as one row
note-enrolment-repeated = enrollments.csv, line { $line } puts `{ $user }` in the class `{ $class }` again (first on line { $first }); the user is in the class once
note-merged-more = { $n } more repeated rows in { $file } were taken as one with the row they repeat
csv-field-too-long = a field of this row is longer than { $max } bytes; it is refused before the file is read
csv-line-too-long = this row is longer than { $max } bytes; it is refused before the file is read
csv-too-many-rows = the file has more than { $max } rows; it is refused before it is read

## OneRoster bundles: manifest.csv
manifest-not-a-file = `{ $file }` is not a OneRoster file
manifest-bad-mode = the processing mode must be bulk, delta or absent
manifest-absent-but-held = the manifest says { $file }.csv is absent, but the bundle holds it
manifest-listed-but-missing = the manifest lists { $file }.csv, but the bundle does not hold it
manifest-no-entry = the file is in the bundle but manifest.csv has no file.{ $file } entry
note-not-oneroster = { $name } is not a OneRoster file and was not read
note-not-kept = { $name } holds nothing Headway keeps and was not read

## OneRoster bundles: references to other rows
no-org = no org in orgs.csv has the sourcedId `{ $id }`
no-school = no school in orgs.csv has the sourcedId `{ $id }`
no-user = no user in users.csv has the sourcedId `{ $id }`
no-student = no student in users.csv has the sourcedId `{ $id }`
no-course = no course in courses.csv has the sourcedId `{ $id }`
no-class = no class in classes.csv has the sourcedId `{ $id }`
no-session = no session in academicSessions.csv has the sourcedId `{ $id }`
no-category = no category in categories.csv has the sourcedId `{ $id }`
no-line-item = no lineItem in lineItems.csv has the sourcedId `{ $id }`
no-score-scale = no score scale in scoreScales.csv has the sourcedId `{ $id }`

## OneRoster bundles: values
not-an-org-type = `{ $value }` is not an org type (school, district, local, state, national, department)
not-a-phase = `{ $value }` is not a phase (primary, secondary, all_through, special)
other-school-in-bundle = this import is for school { $school } (sourcedId `{ $known }`), but the bundle holds another school, `{ $other }`
one-school-only = an import for one school must hold exactly one org of type school
not-a-session-type = `{ $value }` is not a session type (schoolYear, term, gradingPeriod, semester)
session-ends-before-start = the session ends before it starts
not-a-school-year = `{ $text }` is not a school year (the year it ends, four digits: 2024 for 2023/24)
users-need-role = users need a role: a `role` column (OneRoster 1.1) or a roles.csv file (1.2)
user-no-role = the user has no role
pupil-needs-school = a pupil must belong to a school
not-a-sex = `{ $value }` is not female, male, other or unspecified
not-a-sen-status = `{ $value }` is not none, support or plan (N, K, E)
user-wrong-role = the user `{ $user }` is not a { $role } in users.csv
not-an-enrollment-role = `{ $value }` is not an enrollment role
not-a-point-kind = `{ $value }` is not baseline, interim or final
session-field-empty = a required field is empty (gradingPeriodSourcedId or academicSessionSourcedId)
category-two-years = the category `{ $category }` already has lineItems in the school year `{ $year }`; one category is one assessment, in one year
note-items-skipped = { $n } lineItems are in categories that are not a baseline, interim or final assessment; they and their results were not imported
not-a-score-status = `{ $value }` is not a score status (exempt, fully graded, not submitted, partially graded, submitted)
graded-needs-score = a graded result needs a score
score-outside-scale = the score { $text } is outside the scale { $min } to { $max }
pupil-result-twice = the pupil `{ $pupil }` already has a result for this assessment and subject (line { $first })
note-results-skipped = { $n } results belong to lineItems that are not assessments and were not imported

## Results spreadsheets
sheet-wrong-type = Headway reads results from a CSV (.csv) or Excel workbook (.xlsx) file; save the spreadsheet as one of those and upload it again
sheet-no-headings = the file has no headings: its first row must name the columns
sheet-not-xlsx = the file cannot be read as an Excel workbook (.xlsx): { $error }
sheet-no-worksheet = the workbook has no worksheet
sheet-too-large = the worksheet covers { $rows } rows and { $columns } columns; Headway reads at most { $max_rows } rows, { $max_columns } columns and { $max_cells } cells, so it is refused before it is read
sheet-no-column = no column is chosen for { $field ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    }: choose the column that holds it
sheet-column-not-in-file = the column `{ $heading }` chosen for { $field ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    } is not in this file: choose the column that holds it
sheet-column-chosen-twice = the column `{ $heading }` is chosen for both { $other ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    } and { $field ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    }: each needs its own column
sheet-heading-twice = more than one column is headed `{ $heading }`: rename the others so it is clear which holds { $field ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    }
sheet-field-missing = { $field ->
        [pupil] the pupil's id
        [subject] the subject code
        [assessment] the assessment point
        [year] the academic year
        [possible] the sessions possible
        [attended] the sessions attended
        [exclusions] the exclusions
        [incidents] the behaviour incidents
       *[score] the score
    } is missing
sheet-no-pupil = Headway has no pupil with the id `{ $id }`: check the id, or import the school's pupils first
sheet-other-school = the pupil `{ $id }` is at another school: only this school's pupils can be given results here
sheet-no-point = Headway has no assessment point with the id `{ $id }`
sheet-no-subject = Headway has no subject with the code `{ $code }`
sheet-no-subject-known = Headway has no subject with the code `{ $code }` (the codes it knows are { $codes })
sheet-score-outside = the score { $text } is outside the assessment point's scale, { $min } to { $max }
sheet-score-below = the score { $text } is below the assessment point's lowest score, { $min }
sheet-score-above = the score { $text } is above the assessment point's highest score, { $max }
sheet-result-twice = the pupil `{ $pupil }` already has a result for this assessment point and subject on line { $first }

## Published expectations tables
table-no-rows = the file has no rows
table-unknown-measure = `{ $measure }` is not the code of a subject Headway knows
table-unknown-year = `{ $year }` is not an academic year Headway knows (it knows { $known })
table-unknown-year-none = `{ $year }` is not an academic year Headway knows (it knows none yet)
table-empty-range = the range is empty: high { $high } is below low { $low }
table-group-not-expected = group `{ $group }` of { $measure } { $year } has no expected outcome in { $file }
table-group-not-in-groups = group `{ $group }` of { $measure } { $year } is not in { $file }
table-sd-not-positive = the standard deviation must be a number above 0, not `{ $sd }`
table-sd-differs = the standard deviation { $sd } of { $measure } { $year } differs from { $first }, given on line { $first_line }: a measure and year has one
table-group-twice = group `{ $group }` of { $measure } { $year } is given twice (first on line { $first })
table-ranges-overlap = the range { $low } to { $high } of group `{ $group }` overlaps the range { $other_low } to { $other_high } of group `{ $other_group }` (line { $other_line })

## OneRoster bundles: the zip itself
bundle-io = { $error }
bundle-not-zip = the zip file cannot be read: { $error }
bundle-unsafe-name = the zip entry `{ $name }` would be written outside the bundle; it is refused
bundle-compression = the zip entry `{ $name }` uses a compression method other than deflate; save the zip again with ordinary (deflate) compression
bundle-too-large = the bundle is larger than { $cap } bytes uncompressed; it is refused
bundle-no-manifest = the bundle holds no manifest.csv
bundle-absolute-name = the zip entry `{ $name }` has an absolute name; it is refused
bundle-duplicate-name = the zip holds both `{ $first }` and `{ $second }`, the same file twice; it is refused (save the bundle with each file once)
bundle-entry-too-large = the file `{ $name }` is larger than { $cap } bytes uncompressed; it is refused
bundle-too-many-entries = the zip holds more than { $max } entries; it is refused
sheet-no-year = Headway has no academic year named `{ $year }`: write it as Headway shows it, such as 2024/25
sheet-not-a-count = `{ $text }` is not a whole number of zero or more
sheet-attended-above-possible = { $attended } sessions attended is more than the { $possible } sessions possible
sheet-attendance-twice = the pupil `{ $pupil }` already has attendance for this academic year on line { $first }

## Advice-network edge lists (headway network)
network-self-tie = { $person } names themselves; a person cannot ask themselves for advice
network-no-rows = the file has headings but no ties: add a row per tie (source, target)
