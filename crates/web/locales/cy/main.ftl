# Headway — Cymraeg
skip-to-content = Neidio i'r prif gynnwys
nav-label = Prif
nav-home = Hafan
nav-password = Cyfrinair
sign-out = Allgofnodi
footer-tagline = Headway — gwella ysgolion ar sail tystiolaeth. Mae'r ffigurau'n dangos cyfyngau hyder 95%; ni ddangosir grwpiau bach.

sign-in-title = Mewngofnodi
sign-in-intro = Mewngofnodwch gyda'r cyfeiriad e-bost a'r cyfrinair a roddodd eich ysgol i chi.
sign-in-button = Mewngofnodi
sign-in-failed = Nid yw'r cyfeiriad e-bost a'r cyfrinair yn cyfateb i gyfrif. Gwiriwch nhw a rhowch gynnig arall arni.
sign-in-throttled = { $n ->
    [one] Gormod o ymdrechion aflwyddiannus. Rhowch gynnig arall arni mewn { $n } eiliad.
   *[other] Gormod o ymdrechion aflwyddiannus. Rhowch gynnig arall arni mewn { $n } eiliad.
}
field-email = Cyfeiriad e-bost
field-password = Cyfrinair

password-title = Newid eich cyfrinair
password-button = Newid cyfrinair
password-changed = Mae eich cyfrinair wedi'i newid.
password-hint = O leiaf 10 nod. Mae brawddeg fer yn hawdd ei chofio ac yn anodd ei dyfalu.
password-mismatch = Mae'r cyfrinair newydd a'i gadarnhad yn wahanol.
password-wrong = Nid yw eich cyfrinair presennol yn gywir.
password-too-short = Mae angen o leiaf 10 nod ar y cyfrinair newydd.
password-too-common = Mae'r cyfrinair hwnnw'n rhy gyffredin i fod yn ddiogel: mae ar restrau o gyfrineiriau a ddatgelwyd, neu mae'n ailadrodd ychydig o nodau. Dewiswch un arall, fel brawddeg fer.
password-like-email = Ni ddylai'r cyfrinair newydd fod yn gyfeiriad e-bost i chi na chynnwys y rhan ohono cyn yr @.
field-current-password = Cyfrinair presennol
field-new-password = Cyfrinair newydd
field-confirm-password = Cadarnhau'r cyfrinair newydd

home-title = Eich trosolwg
home-nothing-yet = Dim i'w ddangos eto: nid oes gan eich cyfrif rôl mewn ysgol neu glwstwr. Gofynnwch i'ch gweinyddwr ychwanegu un.
home-my-classes = Eich dosbarthiadau
home-classes-caption = Dosbarthiadau rydych yn eu dysgu yn { $name }

school-on-roll = Disgyblion ar y gofrestr
school-fsm = Prydau ysgol am ddim
school-head-in-post = Pennaeth yn y swydd
school-no-results = Nid oes canlyniadau terfynol wedi'u mewnforio ar gyfer yr ysgol hon eto.
school-results-caption = Canlyniadau terfynol { $name }: sgôr gymedrig fesul pwnc, disgyblion difreintiedig ac eraill
fsm-band = { $n ->
    *[other] band { $n }
}
fsm-band-explanation-default = Mae bandiau PYDd yn grwpio ysgolion yn ôl cyfran y disgyblion sy'n gymwys i gael prydau ysgol am ddim: band 1 hyd at { $one }%, band 2 hyd at { $two }%, band 3 hyd at { $three }%, band 4 uwchlaw hynny. Gwerthoedd diofyn Headway yw'r pwyntiau torri hyn (y bandiau Seisnig arferol, heb eu gwirio mewn ffynhonnell); gall gosodiad bennu ei rai ei hun.
fsm-band-explanation-configured = Mae bandiau PYDd yn grwpio ysgolion yn ôl cyfran y disgyblion sy'n gymwys i gael prydau ysgol am ddim: band 1 hyd at { $one }%, band 2 hyd at { $two }%, band 3 hyd at { $three }%, band 4 uwchlaw hynny. Pennwyd y pwyntiau torri hyn ar gyfer y gosodiad hwn.
years = { $n ->
    [zero] { $n } mlynedd
    [one] { $n } flwyddyn
    [two] { $n } flynedd
    [few] { $n } blynedd
    [many] { $n } mlynedd
   *[other] { $n } mlynedd
}
org-no-schools = Nid oes ysgolion yn perthyn i'r sefydliad hwn eto.
org-schools-caption = { $n ->
    [zero] { $n } ysgolion
    [one] { $n } ysgol
    [two] { $n } ysgol
   *[other] { $n } ysgol
}

col-subject = Pwnc
col-pupils = Disgyblion
col-mean = Sgôr gymedrig
col-disadvantaged = Difreintiedig
col-other = Disgyblion eraill
col-gap = Bwlch
col-class = Dosbarth
col-year-group = Grŵp blwyddyn
col-school = Ysgol
col-phase = Cyfnod
col-fsm-band = Band PYDd
col-pupil = Disgybl
col-latest-assessment = Asesiad diweddaraf
col-score = Sgôr

phase-primary = Cynradd
phase-secondary = Uwchradd
phase-all_through = Pob oed
phase-special = Arbennig

class-no-pupils = Nid oes disgyblion wedi'u cofrestru yn y dosbarth hwn.
class-pupils-caption = Disgyblion a'u canlyniad diweddaraf yn y pwnc hwn

suppressed-fewer-than = { $n ->
   *[other] llai na { $n } disgybl: heb ei ddangos
}
pupil-count = { $n ->
    [zero] dim disgyblion
    [one] { $n } disgybl
    [two] { $n } ddisgybl
    [few] { $n } disgybl
    [many] { $n } disgybl
   *[other] { $n } disgybl
}
yes = Ie
no = Na

error-not-found-title = Heb ddod o hyd i'r dudalen
error-not-found-explanation = Nid oes tudalen yn y cyfeiriad hwn. Os gwnaethoch ei deipio, gwiriwch ef; os dilynoch ddolen, efallai ei bod wedi dyddio.
error-forbidden-title = Nid oes gennych fynediad i'r dudalen hon
error-forbidden-explanation = Nid yw eich cyfrif yn rhoi mynediad i chi i'r dudalen hon. Os credwch y dylai, gofynnwch i'ch pennaeth neu'ch gweinyddwr.
error-bad-request-title = Nid oedd modd defnyddio'r cais hwnnw
error-bad-request-explanation = Roedd rhywbeth yn y cais yn anghywir. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
error-server-error-title = Aeth rhywbeth o'i le
error-server-error-explanation = Ni allai Headway orffen y cais hwn. Nid oes dim a roesoch wedi'i golli. Rhowch gynnig arall arni mewn eiliad; os yw'n dal i ddigwydd, dywedwch wrth eich gweinyddwr.
error-reason = Rheswm
error-go-home = Ewch i'ch trosolwg
error-status = Statws
home-first-run-title = Dechrau yma: dewch â'ch ysgolion i mewn
home-first-run-schools = Nid yw Headway yn cadw unrhyw ysgolion eto. Daw ysgolion, eu staff, disgyblion, dosbarthiadau a chanlyniadau o fewnforio bwndel OneRoster a allforiwyd o'ch system gwybodaeth reoli. Ar y gweinydd, mewnforiwch y bwndel; mae'r mewnforyn yn argraffu pob ysgol y mae'n ei chreu gyda'i rhif adnabod a'i sourcedId. Yna rhowch gyfrif i bob pennaeth neu reolwr data yn eu hysgol, gan ddefnyddio'r naill neu'r llall.
home-no-administrator = Nid oes gan y gosodiad hwn weinyddwr eto, felly ni all neb fewnforio tablau disgwyliadau cyhoeddedig na gofalu am bob ysgol. Ar y gweinydd, ychwanegwch un gyda: headway user add --role administrator --org ID (rhif adnabod sefydliad uwchlaw'r ysgolion, megis ardal neu ymddiriedolaeth).

suppressed-too-few = { $n ->
   *[other] cudd: llai na { $n } disgybl
}
suppressed-would-reveal = cudd: gyda'r ffigurau a ddangosir, byddai'n datgelu grŵp llai
suppressed-hidden = cudd: rhy ychydig o ddisgyblion, neu byddai'n datgelu grŵp llai
export-file-name = { $school } – { $subject } – { $year } – { $table }
error-too-large-title = Mae hynny'n rhy fawr i'w dderbyn
error-too-large-explanation = Mae Headway yn cyfyngu ar faint y gall un cais ei anfon, fel na all neb ei arafu i bawb arall. Ni chadwyd dim.
error-incident = Digwyddiad { $name }. Rhowch y rhif hwn i'ch gweinyddwr: mae'r log yn dweud beth aeth o'i le o dan yr un rhif.
csrf-other-site = anfonwyd y ffurflen hon o wefan arall
csrf-session-expired = mae eich sesiwn wedi dod i ben; ail-lwythwch y dudalen a rhowch gynnig arall arni
csrf-token-missing = mae tocyn diogelwch y ffurflen ar goll; ail-lwythwch y dudalen a rhowch gynnig arall arni
csrf-token-mismatch = nid oedd tocyn diogelwch y ffurflen yn cyfateb; ail-lwythwch y dudalen a rhowch gynnig arall arni
upload-unreadable = nid oedd modd darllen yr uwchlwythiad fel ffurflen; dewiswch y ffeil eto a'i hanfon
limit-body-too-large = mae'r hyn a anfonwyd yn fwy na'r { $name } a ganiateir
limit-pending-too-large = byddai angen mwy na'r { $name } y caiff ysgol ei gadw'n aros am gadarnhad ar yr uwchlwythiad hwn

## What the store refuses, worded once for every page (web/src/error.rs)
error-cannot-be-done-title = Ni ellir gwneud hynny fel y mae pethau
error-cannot-be-done-explanation = Mae Headway yn dal rhywbeth y byddai'r cais hwn yn ei wrth-ddweud. Ni newidiwyd dim.
record-person = y person
record-organisation = y sefydliad
record-school = yr ysgol
record-class = y dosbarth
record-pupil = y disgybl
record-subject = y pwnc
record-academic-year = y flwyddyn academaidd
record-assessment-point = y pwynt asesu
record-table = y tabl
record-role = y rôl
record-upload = yr uwchlwythiad sy'n aros
store-not-found = Nid oes cofnod o'r fath: { $what } { $id }.
store-duplicate = Mae hwn yn bodoli eisoes: { $what } { $key }.
store-unknown-reference = Nid yw Headway yn dal dim sy'n cyfateb i { $reason }.
store-conflict = Ni ellir gwneud hyn fel y mae pethau: { $reason }.
store-needs-confirmation = Mae angen i chi gadarnhau'r mewnforyn hwn cyn ysgrifennu dim. Ni ysgrifennwyd dim.
reference-unknown = { $what } '{ $id }'
conflict-several-schools-for-one = mae mewnforyn ar gyfer un ysgol yn dal sawl ysgol
conflict-school-sourced-id-differs = ysgol y ffeiliau yw '{ $bundle }', ond sourcedId yr ysgol hon yw '{ $held }'
conflict-sourced-id-held-by-several-schools = mae { $schools } ysgol yn dal y sourcedId '{ $id }': mewnforiwch y ffeiliau ar gyfer un ohonynt
conflict-school-code-taken = mae cod ysgol '{ $code }' '{ $school }' yn perthyn i ysgol arall
conflict-year-dates-differ = mae gan y flwyddyn academaidd '{ $year }' ({ $starts } i { $ends }) enw blwyddyn â dyddiadau eraill
conflict-pupil-already-at-school = mae disgybl { $pupil } eisoes yn ysgol { $school }
conflict-pupil-sourced-id-taken = mae gan ysgol { $school } ddisgybl â'r sourcedId '{ $id }' eisoes
table-region = { $name } (tabl)
