# Dod â data ysgol i mewn: llwytho, problemau, rhagolwg, cadarnhau.
import-link = Mewnforio data
import-title = Mewnforio data: { $name }
import-upload-title = Llwytho bwndel OneRoster
import-upload-about = Mae Headway yn darllen bwndel CSV OneRoster 1.2 a allforiwyd o'ch system gwybodaeth reoli: ffeil zip sy'n cynnwys manifest.csv a'r ffeiliau rhestr a llyfr marciau. Mae'n gwirio popeth yn gyntaf ac yn dangos beth fyddai'n newid; ni chaiff dim ei ysgrifennu nes i chi gadarnhau.
import-file-label = Bwndel (.zip)
import-file-hint = Hyd at 64 MB. Gall ffeiliau fod yn UTF-8 gyda nod trefn beit neu hebddo, gyda diweddiadau llinell Windows neu Unix.
import-check = Gwirio'r ffeil
import-choose-file = Dewiswch ffeil i'w llwytho.
import-not-a-bundle = Nid yw'r ffeil hon yn fwndel OneRoster y gall Headway ei ddarllen: { $name }
import-unknown-reference = Mae'r ffeiliau'n enwi rhywbeth nad yw ynddynt nac yn Headway: { $name }. Ni ysgrifennwyd dim.
import-problems-title = Problemau yn { $name }
import-problems-count = { $n ->
    [zero] Nid oes problemau i'w trwsio.
    [one] Mae 1 broblem i'w thrwsio.
    [two] Mae 2 broblem i'w trwsio.
    [few] Mae { $n } problem i'w trwsio.
    [many] Mae { $n } problem i'w trwsio.
   *[other] Mae { $n } problem i'w trwsio.
}
import-problems-caption = Pob problem, gyda lle mae hi. Trwsiwch nhw yn eich system neu yn y ffeiliau, yna llwythwch y bwndel eto.
import-nothing-written = Ni ysgrifennwyd dim. Trwsiwch y ffeiliau a'u llwytho eto.
import-col-file = Ffeil
import-col-line = Llinell
import-col-column = Colofn
import-col-reason = Problem
import-preview-title = Gwiriwch beth fydd yn newid
import-preview-intro = Nid oes problemau yn { $name }. Byddai ei fewnforio yn gwneud y newidiadau hyn:
import-counts-caption = Rhesi i'w hychwanegu, eu newid, eu gadael a'u dileu, fesul tabl
import-col-table = Beth
import-col-added = Ychwanegu
import-col-changed = Newid
import-col-unchanged = Gadael
import-col-removed = Dileu
import-changes-nothing = Mae gan Headway bopeth yn y ffeiliau hyn yn barod: ni fyddai eu mewnforio yn newid dim.
import-confirm = Mewnforio'r newidiadau hyn
import-start-again = Llwytho ffeil wahanol
import-done-title = Wedi mewnforio
import-done = Mewnforiwyd { $name }: ysgrifennwyd popeth isod gyda'i gilydd.
import-table-schools = Ysgolion a sefydliadau eraill
import-table-academic-years = Blynyddoedd academaidd
import-table-subjects = Pynciau
import-table-people = Staff
import-table-pupils = Disgyblion
import-table-classes = Dosbarthiadau
import-table-class-teachers = Athrawon dosbarth
import-table-enrolments = Cofrestriadau
import-table-assessment-points = Pwyntiau asesu
import-table-results = Canlyniadau
import-sheet-title = Llwytho taenlen canlyniadau
import-sheet-about = Ffeil CSV neu lyfr gwaith Excel gydag un canlyniad ym mhob rhes, ar gyfer disgyblion, pynciau a phwyntiau asesu sydd gan Headway yn barod (o fewnforio OneRoster). Rydych yn dewis pa golofn sy'n dal beth ar y dudalen nesaf; mae Headway yn cofio eich dewis ar gyfer y tro nesaf.
import-sheet-label = Taenlen (.csv neu .xlsx)
import-sheet-next = Dewis y colofnau
import-mapping-title = Colofnau { $name }
import-mapping-which = Pa golofn sy'n dal beth
import-mapping-rows = { $n ->
    [zero] Nid oes rhesi o ganlyniadau yn y daenlen.
    [one] Mae gan y daenlen 1 rhes o ganlyniadau.
    [two] Mae gan y daenlen 2 res o ganlyniadau.
    [few] Mae gan y daenlen { $n } rhes o ganlyniadau.
    [many] Mae gan y daenlen { $n } rhes o ganlyniadau.
   *[other] Mae gan y daenlen { $n } rhes o ganlyniadau.
}
import-mapping-remembered = Mae'r colofnau wedi'u gosod fel y dewisoch y tro diwethaf; gwiriwch nhw cyn mynd ymlaen.
import-mapping-guessed = Mae Headway wedi dyfalu'r colofnau o'u penawdau; gwiriwch nhw cyn mynd ymlaen.
import-mapping-none = — dewiswch golofn —
import-field-pupil = Rhif adnabod y disgybl
import-field-pupil-hint = Rhif adnabod y disgybl yn eich system gwybodaeth reoli (y rhif yn eich allforio OneRoster).
import-field-subject = Cod y pwnc
import-field-subject-hint = Cod y pwnc, fel yn eich cyrsiau OneRoster (er enghraifft MA).
import-field-assessment = Pwynt asesu
import-field-assessment-hint = Rhif adnabod y pwynt asesu, fel yn eich allforio OneRoster.
import-field-score = Sgôr
import-field-score-hint = Y marc neu'r radd, fel rhif ar raddfa'r pwynt asesu.
import-sample-title = Rhesi cyntaf y daenlen
import-sample-caption = Y daenlen fel y darllenodd Headway hi, i'ch helpu i adnabod y colofnau
import-table-prior-attainment-groups = Grwpiau cyrhaeddiad blaenorol
import-table-published-sigmas = Gwyriadau safonol cyhoeddedig
import-table-expected-outcomes = Canlyniadau disgwyliedig
expectations-link = Disgwyliadau cyhoeddedig
expectations-title = Disgwyliadau cyhoeddedig
expectations-about = Mae tabl cyhoeddedig cenedl o grwpiau cyrhaeddiad blaenorol a'r canlyniad disgwyliedig ar gyfer pob un yn gosod y disgwyliadau ar gyfer gwerth ychwanegol syml ym mhob ysgol yn y gosodiad hwn, yn lle disgwyliadau a gyfrifwyd o'i ddisgyblion ei hun. Mae tabl yn disodli, ar gyfer pob pwnc a blwyddyn sydd ynddo, dabl y pwnc a'r flwyddyn honno.
expectations-one-file = Un ffeil
expectations-table-label = Tabl (.csv)
expectations-table-hint = Penawdau: measure, year, group, low, high, expected. Cod pwnc yw'r mesur, ac enw blwyddyn academaidd fel y mae Headway yn ei dangos yw'r flwyddyn.
expectations-two-files = Dwy ffeil
expectations-groups-label = Grwpiau cyrhaeddiad blaenorol (.csv)
expectations-groups-hint = Penawdau: measure, year, group, low, high.
expectations-expected-label = Canlyniadau disgwyliedig (.csv)
expectations-expected-hint = Penawdau: measure, year, group, expected.
expectations-choose-files = Dewiswch un tabl, neu ddwy ffeil tabl a roddir fel dwy.
import-conflict = Ni ellir ysgrifennu'r mewnforyn hwn fel y mae: { $name }. Ni ysgrifennwyd dim.
import-already-taken = Mae'r llwyth hwn eisoes wedi'i fewnforio (gan gadarnhad arall) neu wedi dod i ben. Ni ysgrifennodd y cadarnhad hwn ddim.
import-changes-title = Beth sy'n newid, maes wrth faes
import-change-school-name = Enw'r ysgol: { $before } → { $after }
import-change-subject-name = Enw'r pwnc: { $before } → { $after }
import-change-staff-name = Enw aelod o staff: { $before } → { $after }
import-change-staff-email = E-bost { $name }: { $before } → { $after }
import-note-org-ignored = Mae { $name } yn sefydliad uwchlaw'r ysgol: nid yw mewnforyn ysgol byth yn creu nac yn symud un, felly fe'i gadawyd fel y mae.
import-note-subject-kept = Mae'r pwnc { $code } yn cadw'r enw “{ $held }” (mae'r ffeiliau'n dweud “{ $offered }”): mae pob ysgol yn rhannu pynciau, felly dim ond gweinyddwr sy'n ailenwi un.
import-note-staff-kept = Mae { $name } hefyd yn gweithio mewn ysgol arall: mae eu henw a'u e-bost yn aros fel y mae Headway yn eu cadw.
import-confirm-title = Newidiadau i'w cadarnhau
import-confirm-intro = Mae'r mewnforyn hwn yn gwneud newid sy'n ddigon mawr i'w gadarnhau ar ei ben ei hun. Ticiwch bob blwch i'w fewnforio.
import-confirm-rename = Rwy'n cadarnhau bod yr ysgol yn cael ei hailenwi fel y dangosir uchod.
import-confirm-removal = Rwy'n cadarnhau y bydd mwy na degfed o ddisgyblion yr ysgol heb ddosbarth.
import-unconfirmed = Ni ysgrifennwyd dim: ticiwch y blwch ar gyfer pob newid i'w gadarnhau, yna mewnforiwch eto.
