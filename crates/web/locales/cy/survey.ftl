nav-surveys = Arolygon
survey-title = Arolygon
survey-intro = Arolygon staff, disgyblion a rhieni: sut beth yw gweithio a dysgu yma. Mae'r atebion yn ddienw; mae'r canlyniadau'n agor i'r arweinwyr ar ôl i'r arolwg gau, a dim ond ar gyfer grwpiau sy'n ddigon mawr fel na ellir adnabod neb.
survey-list = Arolygon yr ysgol hon
survey-none = Nid oes arolwg wedi'i gynnal eto.
survey-list-caption = Arolygon, y diweddaraf yn gyntaf
survey-col-title = Arolwg
survey-col-audience = Pwy a holir
survey-col-opened = Agorwyd
survey-col-status = Statws
survey-results-link = Canlyniadau
survey-open = Agor arolwg
survey-audience = Pwy i'w holi
survey-audience-staff = Staff (arolwg hinsawdd)
survey-audience-pupils = Disgyblion
survey-audience-parents = Rhieni a gofalwyr
survey-field-title = Enw'r arolwg hwn (er enghraifft, Hydref 2026)
survey-field-closes = Dyddiad cau arfaethedig
survey-field-k = Y grŵp lleiaf a ddangosir (k)
survey-field-k-hint = Dim ond ar gyfer grwpiau o o leiaf y nifer hwn o bobl y dangosir canlyniadau; byth llai na 3.
survey-field-review = Mae'r pennaeth yn adolygu'r canlyniadau cyn i arweinwyr eraill eu gweld
survey-open-button = Agor yr arolwg
survey-status-open = Ar agor: yn derbyn atebion
survey-status-awaiting-review = Ar gau: yn aros am adolygiad y pennaeth
survey-status-released = Ar gau: canlyniadau wedi'u rhyddhau
survey-year-group = Blwyddyn { $name }
survey-group-all = Pawb
survey-reminded = Mae nodiadau atgoffa wedi mynd at bawb sydd heb ateb eto. Ni ddywedir wrth neb, gan eich cynnwys chi, pwy ydynt.
survey-responses = Atebion hyd yma
survey-answered = { $n ->
    [zero] Nid oes neb wedi ateb
    [one] Mae { $n } person wedi ateb
    [two] Mae { $n } berson wedi ateb
    [few] Mae { $n } pherson wedi ateb
    [many] Mae { $n } pherson wedi ateb
   *[other] Mae { $n } o bobl wedi ateb
}
survey-answered-fewer-than = Mae llai na { $n } o bobl wedi ateb hyd yma.
survey-counts-caption = Atebion fesul grŵp (dangosir cyfrif dim ond ar gyfer o leiaf { $n } o bobl, a byth lle byddai'n datgelu grŵp llai)
survey-col-group = Grŵp
survey-col-answered = Wedi ateb
survey-col-invited = Dolenni a roddwyd
survey-cell-hidden = heb ei ddangos
survey-nobody-sees-who = Ni all neb weld pwy sydd wedi ateb: nid yr arweinwyr, nid y pennaeth, nid y rheolwr data.
survey-ways-in = Ffyrdd i mewn
survey-staff-links-email = Mae pob aelod o staff ar y rhestr yn cael dolen untro drwy e-bost; mae unrhyw un heb gyfeiriad yn cael un i'w rhoi iddynt o'r dudalen nesaf.
survey-staff-links-copy = Mae pob aelod o staff ar y rhestr yn cael dolen untro, a ddangosir unwaith ar y dudalen nesaf i chi ei rhoi iddynt. Mae rhoi dolenni eto yn disodli'r rhai sydd heb eu defnyddio.
survey-staff-links-button = Rhoi dolenni i'r staff
survey-remind-about = Anfon nodyn atgoffa, gyda dolen newydd, at bawb sydd heb ateb. Ni ddywedir wrthych pwy ydynt.
survey-remind-button = Atgoffa'r rhai sydd heb ateb
survey-remind-without-email = Heb e-bost, atgoffwch bawb ar unwaith (er enghraifft mewn cyfarfod): mae rhoi dolenni eto yn rhoi dolen newydd i'r rhai sydd heb ateb a dim byd i'r rhai sydd wedi ateb.
survey-sheets-link = Argraffu'r taflenni dosbarth (slip i bob disgybl, gyda chod QR)
survey-parents-link = Dolen a chod QR y rhieni
survey-close = Cau'r arolwg
survey-close-about = Mae cau yn atal atebion. Yna mae'r canlyniadau'n agor i'r arweinwyr, neu'n aros am adolygiad y pennaeth os gofynnwyd am hynny.
survey-close-button = Cau'r arolwg nawr
survey-review = Adolygiad y pennaeth
survey-review-read = Darllen y canlyniadau cyn eu rhyddhau
survey-release-button = Rhyddhau'r canlyniadau i'r arweinwyr a'r llywodraethwyr
survey-review-waiting = Mae'r pennaeth yn adolygu'r canlyniadau; byddant yn agor i chi pan gânt eu rhyddhau.
survey-links-title = Dolenni'r staff
survey-links-mailed = { $n ->
    [zero] Ni anfonwyd unrhyw ddolen drwy e-bost.
    [one] Anfonwyd { $n } ddolen drwy e-bost.
    [two] Anfonwyd { $n } ddolen drwy e-bost.
    [few] Anfonwyd { $n } dolen drwy e-bost.
    [many] Anfonwyd { $n } dolen drwy e-bost.
   *[other] Anfonwyd { $n } o ddolenni drwy e-bost.
}
survey-links-once = Dangosir y dolenni hyn nawr yn unig. Rhowch ei ddolen ei hun i bob person: mae'n gweithio unwaith, ac nid yw'r atebion yn gysylltiedig â hi.
survey-links-caption = Dolenni i'w rhoi
survey-col-person = Aelod o staff
survey-col-link = Dolen
survey-back = Yn ôl i'r arolwg
survey-parents-title = Arolwg y rhieni
survey-sheets-title = Taflenni dosbarth
survey-sheets-about = Mae gan bob dosbarth god, ac mae gan bob disgybl ar ei gofrestr slip gyda'i god ei hun, fel bod pob disgybl yn ateb unwaith. Agorwch ddosbarth i argraffu ei slipiau, torrwch nhw a rhowch ei slip i bob disgybl. Mae argraffu eto yn rhoi'r un slipiau.
survey-sheets-none = Nid oes gan yr ysgol hon ddosbarthiadau yn ei blwyddyn ddiweddaraf, felly nid oes dim i'w argraffu.
survey-sheet-parents = Dywedwch wrthym beth yw eich barn am ysgol eich plentyn: sganiwch y cod gyda chamera eich ffôn. Mae'n cymryd tua phum munud ac mae'n ddienw.
survey-sheet-pupils = Ein harolwg disgyblion: sgania'r cod gyda ffôn neu lechen. Mae'n cymryd tua phum munud a fydd neb yn yr ysgol yn gweld dy atebion di.
survey-qr-label = Cod QR sy'n agor yr arolwg
survey-sheet-or = Neu ewch i
survey-sheet-code = a theipio'r cod
survey-code-title = Ateb arolwg
survey-code-unknown = Nid yw'r cod hwnnw'n agor arolwg. Gwiriwch ef yn erbyn eich taflen a rhowch gynnig arall arni.
survey-code-label = Y cod ar eich taflen neu'ch slip
survey-code-button = Dechrau
survey-nothing-answered = Nid ydych wedi ateb unrhyw gwestiwn, felly nid oes dim wedi'i anfon ac mae eich dolen yn dal i weithio. Atebwch o leiaf un cwestiwn, yna anfonwch eich atebion — neu caewch y dudalen hon a dewch yn ôl yn nes ymlaen.
survey-skip-hint = Cewch adael allan unrhyw gwestiwn y byddai'n well gennych beidio â'i ateb.
survey-send = Anfon fy atebion
survey-in-review = Rydych yn adolygu'r canlyniadau hyn. Bydd arweinwyr eraill a'r llywodraethwyr yn eu gweld pan fyddwch yn eu rhyddhau.
survey-k-note = Dangosir ffigurau dim ond ar gyfer grwpiau o o leiaf { $n } o bobl, a byth lle byddent yn datgelu grŵp llai.
survey-too-few = Atebodd llai na { $n } o bobl, felly ni ellir dangos unrhyw ganlyniad.
survey-scales = Graddfeydd
survey-chart-title = Sgôr gymedrig pob graddfa gyda'i chyfwng 95%
survey-chart-caption = Y dotiau yw'r sgorau cymedrig (1 i 5, uwch yn well ar bob graddfa); y llinellau yw'r cyfyngau 95%. Mae'r tabl isod yn rhoi'r un ffigurau.
survey-scales-caption = Sgorau'r graddfeydd ar gyfer pawb a atebodd
survey-col-scale = Graddfa
survey-col-n = Pobl
survey-col-mean = Cymedr (1–5)
survey-col-interval = Cyfwng 95%
survey-col-alpha = Dibynadwyedd (α)
survey-col-change = Newid
survey-alpha-too-few = llai na 10 o bobl
survey-change-unclear = (gallai fod dim newid)
survey-change-since = Newid ers { $name }, gyda'i gyfwng 95%.
survey-reliability = Pa mor dda y mae pob graddfa'n dal at ei gilydd
survey-reliability-about = Dangosir alffa Cronbach (α) o 10 o bobl; uwchlaw tua 0.7 mae eitemau graddfa yn mesur yr un peth i raddau helaeth. Mae cydberthyniad pob eitem â gweddill ei graddfa yn dangos eitem nad yw'n ffitio (isel neu negyddol).
survey-col-item = Eitem
survey-col-item-total = Cydberthyniad â gweddill y raddfa
survey-reversed = wedi'i geirio'r ffordd arall, sgorir yn groes
survey-breakdown = Fesul grŵp
survey-breakdown-none = Nid oes unrhyw grŵp yn ddigon mawr i'w ddangos ar ei ben ei hun (o leiaf { $n } o bobl, heb ddatgelu grŵp llai).
survey-breakdown-caption = Sgorau cymedrig y graddfeydd fesul grŵp
survey-unshown = Wedi'u cyfrif yn ffigurau'r ysgol gyfan yn unig: { $name }.
survey-comments = Sylwadau
survey-comments-about = Mae enwau sydd ar restr yr ysgol wedi'u cuddio. Mae'r sylwadau yn nhrefn yr wyddor, nad yw'n dweud dim am bwy a'u hysgrifennodd.
survey-comments-none = Dim sylwadau.
survey-governors-note = Mae'r llywodraethwyr yn gweld graddfeydd yr ysgol gyfan; mae'r grwpiau a'r sylwadau ar gyfer arweinwyr yr ysgol.
survey-cell-too-few = rhy ychydig i'w ddangos
survey-cell-would-reveal = wedi'i guddio: byddai'n datgelu grŵp llai
survey-error-closed = Mae'r arolwg hwn wedi cau.
survey-error-not-released = Nid yw canlyniadau'r arolwg hwn wedi'u rhyddhau eto.
survey-error-audience = Nid yw hynny'n ffordd i mewn i'r arolwg hwn.
survey-error-title = Rhowch enw i'r arolwg o 120 nod ar y mwyaf.
survey-error-no-email = Anfonir nodiadau atgoffa drwy e-bost, ac nid yw e-bost wedi'i osod ar y gweinydd hwn.
survey-refused-title = Ni ellir ateb yr arolwg hwn yma
survey-refused-unknown = Nid yw'r ddolen neu'r cod hwn yn agor arolwg. Efallai fod un mwy newydd wedi cymryd ei le.
survey-refused-used = Mae'r ddolen hon eisoes wedi'i defnyddio. Mae pob dolen yn gweithio unwaith.
survey-refused-closed = Mae'r arolwg hwn wedi cau. Diolch am eich diddordeb.
survey-thanks-title = Diolch
survey-thanks-message = Mae eich atebion wedi'u hanfon. Maent yn ddienw a chânt eu darllen fel rhan o grŵp yn unig.
survey-email-subject = Arolwg staff yn { $name }
survey-email-body = Dywedwch wrthym sut beth yw gweithio yn { $school }. Mae'r arolwg yn cymryd tua deg munud ac mae'n ddienw: nid yw eich dolen yn cael ei chadw gyda'ch atebion. Eich dolen eich hun, sy'n gweithio unwaith: { $link }
survey-reminder-subject = Nodyn atgoffa: arolwg y staff
survey-reminder-body = Os nad ydych wedi ateb arolwg y staff eto, mae amser o hyd. Eich dolen newydd, sy'n gweithio unwaith: { $link } (Os ydych wedi ateb, diolch: aeth y nodyn atgoffa hwn at bawb nad oedd wedi ateb, heb ddweud wrth neb pwy.)
# When results open (issue 17, item 4).
survey-error-not-released-until = Nid yw canlyniadau'r arolwg hwn wedi'u rhyddhau eto. Maent yn agor ar ôl i'w ffenestr gau, a drefnwyd ar gyfer { $name }, ac nid cyn hynny: tra bo pobl yn dal i ateb, gellid culhau grŵp bach. Caewch yr arolwg o'i dudalen pan fydd y ffenestr drosodd.
survey-error-not-released-open = Nid yw canlyniadau'r arolwg hwn wedi'u rhyddhau eto. Maent yn agor ar ôl i'w ffenestr gau, ac nid cyn hynny: tra bo pobl yn dal i ateb, gellid culhau grŵp bach. Nid oes diwrnod cau wedi'i osod: mae arweinydd yn ei gau o'i dudalen.
survey-error-not-released-review = Nid yw canlyniadau'r arolwg hwn wedi'u rhyddhau eto. Caeodd ei ffenestr ar { $name }; mae'r pennaeth yn adolygu'r canlyniadau yn gyntaf, ac maent yn agor i arweinwyr a llywodraethwyr pan fydd y pennaeth yn eu rhyddhau.
# One answer per pupil: a slip per pupil on each class sheet (issue 17).
survey-parents-about = Argraffwch y daflen hon, neu anfonwch y ddolen adref mewn llythyr neu neges: mae pob rhiant yn defnyddio'r un cod.
survey-slips-privacy = Mae enw disgybl ar ei slip dim ond er mwyn iddo ei gyrraedd. Mae Headway yn nodi bod slip wedi'i ddefnyddio ac nid yw'n cadw dim gyda'r atebion sy'n dweud o ba slip y daethant, felly ni all neb weld beth atebodd disgybl. Nid yw'n dangos yn unman pa slipiau sydd wedi'u defnyddio.
survey-classes-caption = Dosbarthiadau a'u slipiau
survey-col-class = Dosbarth
survey-col-class-code = Cod y dosbarth
survey-col-slips = Slipiau
survey-slips-none-here = dim: mae slipiau ei ddisgyblion gyda dosbarth arall, neu nid oes ganddo ddisgyblion
survey-slips-none = Nid oes slipiau i'w hargraffu ar gyfer y dosbarth hwn.
survey-slips-about = Argraffwch y dudalen hon, torrwch y slipiau a rhowch i bob disgybl yr un gyda'i enw. Mae disgybl yn sganio'r cod QR ar ei slip, neu'n mynd i'r cyfeiriad ac yn teipio'r ddau god. Mae pob slip yn gweithio unwaith.
survey-slips-back = Pob dosbarth
survey-slip-or = Neu cer i
survey-slip-type-both = a theipia'r ddau god:
survey-slip-class-code = Cod y dosbarth
survey-slip-own-code = Dy god dy hun
survey-slip-once = Mae dy god dy hun yn gweithio unwaith. Mae dy enw ar y slip hwn dim ond er mwyn iddo dy gyrraedd di: nid yw dy atebion yn cael eu cadw gydag ef.
survey-slip-label = Dy god dy hun (disgyblion yn unig)
survey-slip-hint = Mae gan ddisgyblion slip gyda dau god: teipia god y dosbarth uchod a dy god dy hun yma. Mae rhieni'n gadael hwn yn wag.
survey-refused-slip-needed = Cod dosbarth yw hwnna. Teipia'r cod sydd ar dy slip di hefyd: mae pob disgybl yn ateb unwaith.
survey-refused-slip-used = Mae'r slip hwn eisoes wedi'i ddefnyddio. Mae pob disgybl yn ateb unwaith, felly dim ond unwaith mae slip yn gweithio. Os nad wyt ti wedi ateb eto, gofynna i dy athro.
survey-refused-slip-unknown = Nid yw'r ddau god hyn yn mynd gyda'i gilydd. Gwiria'r ddau yn erbyn dy slip a rho gynnig arall arni.
