attendance-title = Attendance and behaviour
attendance-link = Attendance and behaviour: broad success beside attainment
attendance-about = Broad success beside attainment: how often pupils attended the sessions they could have, how many were persistently absent, excluded or involved in behaviour incidents, from the school's attendance sheets.
attendance-none = This school has no attendance yet. A head or data manager can import an attendance spreadsheet from Import data.
attendance-persistent-definition = Persistently absent: missing { $name } or more of the sessions a pupil could have attended. This is Headway's default, not taken from a source Headway holds; a deployment sets its own with the setting persistent_absence_percent.
attendance-persistent-configured = Persistently absent: missing { $name } or more of the sessions a pupil could have attended, as this deployment has set it (Headway's default is 10%).
attendance-intervals = The attendance rate is the mean of pupils' rates with its 95% interval (± 1.96 standard errors); the shares of pupils persistently absent have a 95% Wilson interval.
attendance-suppressed = { $n ->
    [one] A figure resting on fewer than { $n } pupil is not shown, nor one that would give such a group away by subtraction.
   *[other] A figure resting on fewer than { $n } pupils is not shown, nor one that would give such a group away by subtraction.
}
attendance-whole-school = Whole school
attendance-col-group = Group
attendance-col-pupils = Pupils
attendance-col-rate = Attendance
attendance-col-rate-interval = 95% interval
attendance-col-persistent = Persistently absent
attendance-col-persistent-interval = 95% interval
attendance-col-excluded = Excluded at least once
attendance-col-incidents = Incidents per pupil
attendance-hidden-few = Not shown: too few pupils.
attendance-hidden-derivable = Not shown: with the other figures it would give a smaller group away.
import-attendance-title = An attendance spreadsheet
import-attendance-about = A CSV or Excel file with a row per pupil and academic year: the pupil's id, the year (as Headway shows it, such as 2024/25), the sessions possible and attended, and, if you record them, exclusions and behaviour incidents. A row for a pupil and year Headway holds replaces it.
import-attendance-label = Attendance spreadsheet (.csv or .xlsx)
import-field-year = Academic year
import-field-year-hint = The academic year as Headway shows it, for example 2024/25.
import-field-possible = Sessions possible
import-field-possible-hint = The sessions the pupil could have attended that year (two a day).
import-field-attended = Sessions attended
import-field-attended-hint = The sessions the pupil attended, no more than the sessions possible.
import-field-exclusions = Exclusions (optional)
import-field-exclusions-hint = The pupil's exclusions that year; leave unchosen if you do not record them.
import-field-incidents = Behaviour incidents (optional)
import-field-incidents-hint = The pupil's recorded behaviour incidents that year; leave unchosen if you do not record them.
import-table-attendance = Attendance
import-mapping-rows-attendance = { $n ->
    [one] The sheet has 1 row of attendance.
   *[other] The sheet has { $n } rows of attendance.
}
