# Penaethiaid yn hyfforddi penaethiaid a chymunedau dysgu penaethiaid (mater 18, eitem 3).
heads-link = Penaethiaid yn hyfforddi penaethiaid a chymunedau dysgu
heads-home-link = Penaethiaid yn hyfforddi penaethiaid a chymunedau dysgu yn { $name }
heads-title = Penaethiaid yn hyfforddi penaethiaid
heads-intro = Mae penaethiaid profiadol yn hyfforddi penaethiaid newydd neu sy'n cael trafferth yn ysgolion eraill y clwstwr, ac mae penaethiaid yn dysgu gyda'i gilydd mewn cymunedau ag ymholiad ar y cyd. Mae'r hyn y mae pâr yn ei ddweud wrth ei gilydd yn aros rhwng y ddau.
heads-pairs-heading = Parau hyfforddi
heads-pairs-who = Dim ond dau bennaeth y pâr sy'n darllen ei nodau, ei sesiynau, ei nodiadau a'i ddeilliannau. Mae arweinydd y clwstwr yn gweld bod pâr yn bodoli a faint o sesiynau a gynhaliwyd, byth yr hyn a ddywedwyd. Nid yw penaethiaid eraill, llywodraethwyr na staff y naill ysgol na'r llall yn gweld dim ohono.
heads-no-pairs = Dim parau hyfforddi y gallwch eu gweld.
heads-pairs-caption = Parau hyfforddi o benaethiaid
heads-col-coach = Hyfforddwr
heads-col-coachee = Pennaeth a hyfforddir
heads-col-started = Dechreuwyd
heads-col-ended = Daeth i ben
heads-col-sessions = Sesiynau a gynhaliwyd
heads-yours = eich un chi
heads-sessions-held = { $n ->
    [zero] dim sesiynau
    [one] 1 sesiwn
    [two] 2 sesiwn
    [few] { $n } sesiwn
    [many] { $n } sesiwn
   *[other] { $n } sesiwn
}
heads-years-in-post = { $n ->
    [zero] llai na blwyddyn yn y swydd
    [one] 1 flwyddyn yn y swydd
    [two] 2 flynedd yn y swydd
    [few] { $n } blynedd yn y swydd
    [many] { $n } blynedd yn y swydd
   *[other] { $n } o flynyddoedd yn y swydd
}
heads-years-unknown = ni chofnodwyd yr amser yn y swydd
heads-suggest-heading = Parau a awgrymir
heads-suggest-rule = Barn Headway ei hun, nid o ymchwil: mae angen hyfforddwr ar bennaeth pan fu yn y swydd am lai na { $new } blynedd, neu pan fo gwerth ychwanegol ei ysgol yn sylweddol is na'r cyfartaledd (ei gyfwng 95% cyfan o dan sero). Mae hyfforddwr yn arwain ysgol o'r un cyfnod a'r un band prydau ysgol am ddim neu fand cyfagos, wedi bod yn y swydd am o leiaf { $experienced } blynedd, ac nid yw ei ysgol ei hun yn sylweddol is. Daw'r amser yn y swydd o gofnod yr ysgol o pryd y dechreuodd ei phennaeth. Awgrymiadau yn unig yw'r rhain; chi sy'n penderfynu.
heads-suggest-none = Dim parau i'w hawgrymu: nid oes pennaeth heb bâr sydd ag angen ac sy'n cyfateb i bennaeth profiadol mewn ysgol debyg.
heads-suggest-years = hyfforddwr { $coach }, pennaeth a hyfforddir { $coachee }
heads-suggest-take = Sefydlu'r pâr hwn
heads-need-new-and-below = newydd yn y swydd, ac mae gwerth ychwanegol yr ysgol yn sylweddol is
heads-need-below = mae gwerth ychwanegol yr ysgol yn sylweddol is
heads-need-new = newydd yn y swydd
heads-like-same-band = yr un cyfnod a'r un band prydau ysgol am ddim
heads-like-neighbouring-band = yr un cyfnod, band prydau ysgol am ddim cyfagos
heads-new-pair = Sefydlu pâr
heads-start-pair = Sefydlu'r pâr
heads-communities-heading = Cymunedau dysgu penaethiaid
heads-communities-who = Aelodau cymuned sy'n darllen ei chyfarfodydd, ei nodiadau a'r hyn a roddodd ei haelodau ar brawf. Mae arweinydd y clwstwr yn darllen ei chwestiwn a'i chanfyddiadau. Nid yw penaethiaid eraill yn gweld dim ohoni.
heads-no-communities = Dim cymunedau dysgu y gallwch eu gweld.
heads-members-list = Aelodau: { $name }
heads-question = Cwestiwn
heads-tried = Yr hyn a roesom ar brawf
heads-findings = Canfyddiadau
heads-not-yet = heb ei ysgrifennu eto
heads-new-community = Dechrau cymuned ddysgu
heads-field-name = Enw
heads-field-members = Aelodau
heads-start-community = Dechrau'r gymuned
heads-pair-title = { $coach } yn hyfforddi { $coachee }
heads-readers-heading = Pwy all weld hyn
heads-pair-readers = Dau bennaeth y pâr hwn sy'n darllen ei nodau, ei sesiynau, ei nodiadau a'i ddeilliannau. Dim ond bod y pâr yn bodoli a faint o sesiynau a gynhaliwyd y mae arweinydd y clwstwr yn ei weld. Nid oes neb arall yn ei weld.
heads-pair-lead-sees = Rydych yn gweld bod y pâr hwn yn bodoli a faint o sesiynau a gynhaliwyd. Eiddo'r ddau bennaeth yw ei nodau, ei nodiadau a'i ddeilliannau.
heads-end-pair = Dod â'r pâr hwn i ben
heads-goals-heading = Nodau
heads-no-goals = Dim nodau eto.
heads-goal-from-360 = o 360 y pennaeth a hyfforddir
heads-field-goal = Nod yn eich geiriau eich hun
heads-add-goal = Ychwanegu'r nod
heads-focus-legend = Dod â ffocws o'ch 360 eich hun
heads-focus-hint = Dyma awgrymiadau ffocws eich adroddiad 360 diweddaraf. Dim ond y ffocws a ddewiswch a rennir â'ch hyfforddwr; mae'r adroddiad yn aros yn eiddo i chi.
heads-focus-none = Nid oes gennych adroddiad 360 ag awgrymiadau ffocws eto.
heads-bring-focus = Ei wneud yn nod
heads-sessions-heading = Sesiynau
heads-no-sessions = Dim sesiynau eto.
heads-session-on = Sesiwn ar { $name }
heads-field-date = Dyddiad
heads-field-notes = Nodiadau
heads-field-outcomes = Deilliannau a gytunwyd
heads-field-last-reviewed = Sut aeth deilliannau'r tro diwethaf
heads-last-outcomes = Cytunwyd y tro diwethaf: { $name }
heads-written-by = Ysgrifennwyd gan { $name }
heads-new-session = Cofnodi sesiwn
heads-add-session = Cadw'r sesiwn
heads-community-readers = Mae aelodau'n darllen y cyfarfodydd, eu nodiadau a'r ymholiad cyfan, ac yn eu hysgrifennu. Mae arweinydd y clwstwr yn darllen y cwestiwn a'r canfyddiadau. Nid oes neb arall yn gweld y gymuned hon.
heads-community-lead-sees = Rydych yn gweld cwestiwn, canfyddiadau ac aelodau'r gymuned hon. Eiddo'i haelodau yw ei chyfarfodydd a'i nodiadau.
heads-inquiry-heading = Ymholiad ar y cyd
heads-save-inquiry = Cadw'r ymholiad
heads-meetings-heading = Cyfarfodydd
heads-no-meetings = Dim cyfarfodydd eto.
heads-meeting-on = Cyfarfod ar { $name }
heads-new-meeting = Cofnodi cyfarfod
heads-add-meeting = Cadw'r cyfarfod
heads-error-empty = Ysgrifennwch rywbeth yn gyntaf.
heads-error-too-long = Mae'r testun yn hwy nag y mae hyn yn ei dderbyn.
heads-error-date = Ysgrifennir dyddiadau fel BBBB-MM-DD.
heads-error-future = Ni ellir dyddio sesiwn na chyfarfod ar ôl heddiw.
heads-error-before-start = Ni ellir dyddio sesiwn cyn i'r pâr ddechrau.
heads-error-not-two-heads = Rhaid i hyfforddwr a'r pennaeth a hyfforddir fod yn ddau bennaeth gwahanol o ysgolion y clwstwr hwn.
heads-error-already-paired = Mae'r ddau bennaeth hyn eisoes yn bâr.
heads-error-ended = Mae'r pâr hwn wedi dod i ben.
heads-error-not-your-focus = Nid yw'r ffocws hwnnw'n un o awgrymiadau eich adroddiad 360 eich hun.
heads-error-too-few = Mae angen o leiaf ddau bennaeth o ysgolion y clwstwr hwn ar gymuned ddysgu.
heads-error-not-a-head = Mae pob aelod o gymuned ddysgu yn bennaeth ar un o ysgolion y clwstwr hwn.
