# Pam mae gan ffeil a fewnforiwyd broblem, a nodiadau am resi a adawyd allan. Mae pob neges
# yn cadw'r gwerthoedd y mae'n eu henwi (dynodwyr, llinellau, rhifau) fel y'u hysgrifennwyd
# yn y ffeil.

## Unrhyw ffeil CSV
csv-unreadable = nid oes modd darllen y ffeil fel CSV: { $error }
required-column-missing = mae'r golofn ofynnol ar goll
required-field-empty = mae maes gofynnol yn wag
not-utf8 = nid testun UTF-8 yw'r gwerth; cadwch y ffeil fel UTF-8
not-a-number = nid yw `{ $text }` yn rhif
not-a-date = nid yw `{ $text }` yn ddyddiad (BBBB-MM-DD)
not-true-or-false = nid yw `{ $text }` yn true nac yn false
id-used-twice = defnyddir y sourcedId `{ $id }` ddwywaith (y tro cyntaf ar linell { $first })
note-row-repeated = Mae { $file }, llinell { $line } yn ailadrodd llinell { $first } yn union; cymerwyd y ddwy fel un rhes
note-enrolment-repeated = Mae enrollments.csv, llinell { $line } yn rhoi `{ $user }` yn y dosbarth `{ $class }` eto (y tro cyntaf ar linell { $first }); mae'r defnyddiwr yn y dosbarth unwaith
note-merged-more = Cymerwyd { $n } rhes arall a ailadroddwyd yn { $file } fel un gyda'r rhes y maent yn ei hailadrodd
csv-field-too-long = mae maes yn y rhes hon yn hwy na { $max } beit; fe'i gwrthodir cyn darllen y ffeil
csv-line-too-long = mae'r rhes hon yn hwy na { $max } beit; fe'i gwrthodir cyn darllen y ffeil
csv-too-many-rows = mae gan y ffeil fwy na { $max } rhes; fe'i gwrthodir cyn ei darllen

## Bwndeli OneRoster: manifest.csv
manifest-not-a-file = nid yw `{ $file }` yn ffeil OneRoster
manifest-bad-mode = rhaid i'r modd prosesu fod yn bulk, delta neu absent
manifest-absent-but-held = mae'r maniffest yn dweud bod { $file }.csv yn absennol, ond mae yn y bwndel
manifest-listed-but-missing = mae'r maniffest yn rhestru { $file }.csv, ond nid yw yn y bwndel
manifest-no-entry = mae'r ffeil yn y bwndel ond nid oes gan manifest.csv gofnod file.{ $file }
note-not-oneroster = Nid yw { $name } yn ffeil OneRoster ac ni chafodd ei darllen
note-not-kept = Nid oes dim yn { $name } y mae Headway yn ei gadw, ac ni chafodd ei darllen

## Bwndeli OneRoster: cyfeiriadau at resi eraill
no-org = nid oes gan unrhyw sefydliad yn orgs.csv y sourcedId `{ $id }`
no-school = nid oes gan unrhyw ysgol yn orgs.csv y sourcedId `{ $id }`
no-user = nid oes gan unrhyw ddefnyddiwr yn users.csv y sourcedId `{ $id }`
no-student = nid oes gan unrhyw ddisgybl yn users.csv y sourcedId `{ $id }`
no-course = nid oes gan unrhyw gwrs yn courses.csv y sourcedId `{ $id }`
no-class = nid oes gan unrhyw ddosbarth yn classes.csv y sourcedId `{ $id }`
no-session = nid oes gan unrhyw sesiwn yn academicSessions.csv y sourcedId `{ $id }`
no-category = nid oes gan unrhyw gategori yn categories.csv y sourcedId `{ $id }`
no-line-item = nid oes gan unrhyw lineItem yn lineItems.csv y sourcedId `{ $id }`
no-score-scale = nid oes gan unrhyw raddfa sgôr yn scoreScales.csv y sourcedId `{ $id }`

## Bwndeli OneRoster: gwerthoedd
not-an-org-type = nid yw `{ $value }` yn fath o sefydliad (school, district, local, state, national, department)
not-a-phase = nid yw `{ $value }` yn gyfnod (primary, secondary, all_through, special)
other-school-in-bundle = mae'r mewnforio hwn ar gyfer ysgol { $school } (sourcedId `{ $known }`), ond mae'r bwndel yn cynnwys ysgol arall, `{ $other }`
one-school-only = rhaid i fewnforio ar gyfer un ysgol gynnwys yn union un sefydliad o'r math school
not-a-session-type = nid yw `{ $value }` yn fath o sesiwn (schoolYear, term, gradingPeriod, semester)
session-ends-before-start = mae'r sesiwn yn gorffen cyn iddi ddechrau
not-a-school-year = nid yw `{ $text }` yn flwyddyn ysgol (y flwyddyn y mae'n gorffen, pedwar digid: 2024 ar gyfer 2023/24)
users-need-role = mae angen rôl ar ddefnyddwyr: colofn `role` (OneRoster 1.1) neu ffeil roles.csv (1.2)
user-no-role = nid oes gan y defnyddiwr rôl
pupil-needs-school = rhaid i ddisgybl berthyn i ysgol
not-a-sex = nid yw `{ $value }` yn female, male, other nac unspecified
not-a-sen-status = nid yw `{ $value }` yn none, support na plan (N, K, E)
user-wrong-role = nid yw'r defnyddiwr `{ $user }` yn { $role } yn users.csv
not-an-enrollment-role = nid yw `{ $value }` yn rôl cofrestru
not-a-point-kind = nid yw `{ $value }` yn baseline, interim na final
session-field-empty = mae maes gofynnol yn wag (gradingPeriodSourcedId neu academicSessionSourcedId)
category-two-years = mae gan y categori `{ $category }` lineItems yn y flwyddyn ysgol `{ $year }` eisoes; un asesiad yw un categori, mewn un flwyddyn
note-items-skipped = Mae { $n } lineItems mewn categorïau nad ydynt yn asesiad baseline, interim na final; ni chafodd y rhain na'u canlyniadau eu mewnforio
not-a-score-status = nid yw `{ $value }` yn statws sgôr (exempt, fully graded, not submitted, partially graded, submitted)
graded-needs-score = mae angen sgôr ar ganlyniad wedi'i raddio
score-outside-scale = mae'r sgôr { $text } y tu allan i'r raddfa { $min } i { $max }
pupil-result-twice = mae gan y disgybl `{ $pupil }` ganlyniad ar gyfer yr asesiad a'r pwnc hwn eisoes (llinell { $first })
note-results-skipped = Mae { $n } canlyniad yn perthyn i lineItems nad ydynt yn asesiadau, ac ni chawsant eu mewnforio

## Taenlenni canlyniadau
sheet-wrong-type = mae Headway yn darllen canlyniadau o ffeil CSV (.csv) neu lyfr gwaith Excel (.xlsx); cadwch y daenlen fel un o'r rheini a'i llwytho i fyny eto
sheet-no-headings = nid oes penawdau yn y ffeil: rhaid i'w rhes gyntaf enwi'r colofnau
sheet-not-xlsx = nid oes modd darllen y ffeil fel llyfr gwaith Excel (.xlsx): { $error }
sheet-no-worksheet = nid oes taflen waith yn y llyfr gwaith
sheet-too-large = mae'r daflen waith yn ymestyn dros { $rows } rhes a { $columns } colofn; mae Headway yn darllen { $max_rows } rhes, { $max_columns } colofn a { $max_cells } cell ar y mwyaf, felly fe'i gwrthodir cyn ei darllen
sheet-no-column = nid oes colofn wedi'i dewis ar gyfer { $field ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    }: dewiswch y golofn sy'n ei gynnwys
sheet-column-not-in-file = nid yw'r golofn `{ $heading }` a ddewiswyd ar gyfer { $field ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    } yn y ffeil hon: dewiswch y golofn sy'n ei gynnwys
sheet-column-chosen-twice = mae'r golofn `{ $heading }` wedi'i dewis ar gyfer { $other ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    } a { $field ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    }: mae angen colofn ei hun ar bob un
sheet-heading-twice = mae gan fwy nag un golofn y pennawd `{ $heading }`: ailenwch y lleill fel ei bod yn glir pa un sy'n cynnwys { $field ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    }
sheet-field-missing = mae { $field ->
        [pupil] dynodwr y disgybl
        [subject] cod y pwnc
        [assessment] y pwynt asesu
        [year] y flwyddyn academaidd
        [possible] y sesiynau posibl
        [attended] y sesiynau a fynychwyd
        [exclusions] y gwaharddiadau
        [incidents] y digwyddiadau ymddygiad
       *[score] y sgôr
    } ar goll
sheet-no-pupil = nid oes gan Headway ddisgybl â'r dynodwr `{ $id }`: gwiriwch y dynodwr, neu mewnforiwch ddisgyblion yr ysgol yn gyntaf
sheet-other-school = mae'r disgybl `{ $id }` mewn ysgol arall: dim ond disgyblion yr ysgol hon all gael canlyniadau yma
sheet-no-point = nid oes gan Headway bwynt asesu â'r dynodwr `{ $id }`
sheet-no-subject = nid oes gan Headway bwnc â'r cod `{ $code }`
sheet-no-subject-known = nid oes gan Headway bwnc â'r cod `{ $code }` (y codau y mae'n eu gwybod yw { $codes })
sheet-score-outside = mae'r sgôr { $text } y tu allan i raddfa'r pwynt asesu, { $min } i { $max }
sheet-score-below = mae'r sgôr { $text } yn is na sgôr isaf y pwynt asesu, { $min }
sheet-score-above = mae'r sgôr { $text } yn uwch na sgôr uchaf y pwynt asesu, { $max }
sheet-result-twice = mae gan y disgybl `{ $pupil }` ganlyniad ar gyfer y pwynt asesu a'r pwnc hwn eisoes ar linell { $first }

## Tablau disgwyliadau cyhoeddedig
table-no-rows = nid oes rhesi yn y ffeil
table-unknown-measure = nid yw `{ $measure }` yn god pwnc y mae Headway yn ei wybod
table-unknown-year = nid yw `{ $year }` yn flwyddyn academaidd y mae Headway yn ei gwybod (mae'n gwybod { $known })
table-unknown-year-none = nid yw `{ $year }` yn flwyddyn academaidd y mae Headway yn ei gwybod (nid yw'n gwybod am yr un eto)
table-empty-range = mae'r amrediad yn wag: mae'r uchaf, { $high }, yn is na'r isaf, { $low }
table-group-not-expected = nid oes canlyniad disgwyliedig i grŵp `{ $group }` o { $measure } { $year } yn { $file }
table-group-not-in-groups = nid yw grŵp `{ $group }` o { $measure } { $year } yn { $file }
table-sd-not-positive = rhaid i'r gwyriad safonol fod yn rhif uwchlaw 0, nid `{ $sd }`
table-sd-differs = mae gwyriad safonol { $sd } { $measure } { $year } yn wahanol i { $first }, a roddwyd ar linell { $first_line }: mae gan fesur a blwyddyn un
table-group-twice = rhoddir grŵp `{ $group }` o { $measure } { $year } ddwywaith (y tro cyntaf ar linell { $first })
table-ranges-overlap = mae'r amrediad { $low } i { $high } o grŵp `{ $group }` yn gorgyffwrdd â'r amrediad { $other_low } i { $other_high } o grŵp `{ $other_group }` (llinell { $other_line })

## Bwndeli OneRoster: y ffeil zip ei hun
bundle-io = { $error }
bundle-not-zip = nid oes modd darllen y ffeil zip: { $error }
bundle-unsafe-name = byddai'r cofnod zip `{ $name }` yn cael ei ysgrifennu y tu allan i'r bwndel; fe'i gwrthodir
bundle-compression = mae'r cofnod zip `{ $name }` yn defnyddio dull cywasgu heblaw deflate; cadwch y zip eto gyda chywasgu arferol (deflate)
bundle-too-large = mae'r bwndel yn fwy na { $cap } beit heb ei gywasgu; fe'i gwrthodir
bundle-no-manifest = nid oes manifest.csv yn y bwndel
bundle-absolute-name = mae gan y cofnod zip `{ $name }` enw absoliwt; fe'i gwrthodir
bundle-duplicate-name = mae'r zip yn cynnwys `{ $first }` a `{ $second }`, yr un ffeil ddwywaith; fe'i gwrthodir (cadwch y bwndel gyda phob ffeil unwaith)
bundle-entry-too-large = mae'r ffeil `{ $name }` yn fwy na { $cap } beit heb ei chywasgu; fe'i gwrthodir
bundle-too-many-entries = mae'r zip yn cynnwys mwy na { $max } cofnod; fe'i gwrthodir
sheet-no-year = nid oes gan Headway flwyddyn academaidd o'r enw `{ $year }`: ysgrifennwch hi fel y mae Headway yn ei dangos, fel 2024/25
sheet-not-a-count = nid yw `{ $text }` yn rhif cyfan o sero neu fwy
sheet-attended-above-possible = mae { $attended } sesiwn a fynychwyd yn fwy na'r { $possible } sesiwn posibl
sheet-attendance-twice = mae gan y disgybl `{ $pupil }` bresenoldeb ar gyfer y flwyddyn academaidd hon eisoes ar linell { $first }

## Rhestrau cysylltiadau rhwydwaith cyngor (headway network)
network-self-tie = mae { $person } yn enwi ei hun; ni all neb ofyn iddo'i hun am gyngor
network-no-rows = mae penawdau gan y ffeil ond dim cysylltiadau: ychwanegwch res ar gyfer pob cysylltiad (source, target)
