# Bringing a school's data in: upload, problems, preview, confirm.
import-link = Import data
import-title = Import data: { $name }
import-upload-title = Upload a OneRoster bundle
import-upload-about = Headway reads a OneRoster 1.2 CSV bundle exported from your management information system: a zip holding manifest.csv and the roster and gradebook files. It checks everything first and shows you what would change; nothing is written until you confirm.
import-file-label = Bundle (.zip)
import-file-hint = Up to 64 MB. Files may be UTF-8 with or without a byte-order mark, with Windows or Unix line endings.
import-check = Check the file
import-choose-file = Choose a file to upload.
import-not-a-bundle = This file is not a OneRoster bundle Headway can read: { $name }
import-unknown-reference = The files name something neither they nor Headway hold: { $name }. Nothing was written.
import-problems-title = Problems in { $name }
import-problems-count = { $n ->
    [one] There is 1 problem to fix.
   *[other] There are { $n } problems to fix.
}
import-problems-caption = Every problem, with where it is. Fix them in your system or in the files, then upload the bundle again.
import-nothing-written = Nothing was written. Fix the files and upload them again.
import-col-file = File
import-col-line = Line
import-col-column = Column
import-col-reason = Problem
import-preview-title = Check what will change
import-preview-intro = { $name } has no problems. Importing it would make these changes:
import-counts-caption = Rows to add, change, leave alone and remove, table by table
import-col-table = What
import-col-added = Add
import-col-changed = Change
import-col-unchanged = Leave alone
import-col-removed = Remove
import-changes-nothing = Headway already holds everything in these files: importing them would change nothing.
import-confirm = Import these changes
import-start-again = Upload a different file
import-done-title = Imported
import-done = { $name } was imported: everything below was written together.
import-table-schools = Schools and other organisations
import-table-academic-years = Academic years
import-table-subjects = Subjects
import-table-people = Staff
import-table-pupils = Pupils
import-table-classes = Classes
import-table-class-teachers = Class teachers
import-table-enrolments = Enrolments
import-table-assessment-points = Assessment points
import-table-results = Results
import-sheet-title = Upload a results spreadsheet
import-sheet-about = A CSV file or Excel workbook with one result a row, for pupils, subjects and assessment points Headway already holds (from a OneRoster import). You choose which column holds what on the next page; Headway remembers your choice for next time.
import-sheet-label = Spreadsheet (.csv or .xlsx)
import-sheet-next = Choose the columns
import-mapping-title = Columns of { $name }
import-mapping-which = Which column holds what
import-mapping-rows = { $n ->
    [one] The sheet has 1 row of results.
   *[other] The sheet has { $n } rows of results.
}
import-mapping-remembered = The columns are set as you chose them last time; check them before going on.
import-mapping-guessed = Headway has guessed the columns from their headings; check them before going on.
import-mapping-none = — choose a column —
import-field-pupil = Pupil's id
import-field-pupil-hint = The pupil's id in your management information system (the id in your OneRoster export).
import-field-subject = Subject code
import-field-subject-hint = The subject's code, as in your OneRoster courses (for example MA).
import-field-assessment = Assessment point
import-field-assessment-hint = The assessment point's id, as in your OneRoster export.
import-field-score = Score
import-field-score-hint = The mark or grade, as a number on the assessment point's scale.
import-sample-title = The first rows of the sheet
import-sample-caption = The sheet as Headway read it, to help you recognise the columns
