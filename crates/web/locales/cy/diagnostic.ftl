# Y diagnostig arweinyddiaeth (360 o arfer arwain).

nav-diagnostic = Arweinyddiaeth 360
diag-title = Arweinyddiaeth 360
diag-intro = Gwelwch eich arweinyddiaeth fel y mae eich staff yn ei gweld, ochr yn ochr â thystiolaeth ymchwil, a phenderfynwch ble i ganolbwyntio.
diag-your-surveys = Eich arolygon
diag-no-surveys = Nid oes gennych arolygon i'w hateb.
diag-about-leader = Am arweinyddiaeth { $leader } yn { $school }
diag-your-rounds = Eich cylchoedd
diag-no-rounds = Nid ydych wedi agor cylch eto.
diag-rounds-caption = Cylchoedd y 360 am eich arweinyddiaeth
diag-col-school = Ysgol
diag-col-opened = Agorwyd
diag-col-status = Statws
diag-col-open-page = Tudalen
diag-status-open = Ar agor
diag-status-closed = Ar gau
diag-manage-round = Rheoli'r cylch
diag-read-report = Darllen yr adroddiad
diag-open-round = Agor cylch newydd
diag-open-round-at = Bydd y cylch am eich arweinyddiaeth yn { $name }.
diag-choose-groups = Pa grwpiau fyddwch chi'n eu holi?
diag-threshold = Y grŵp lleiaf a ddangosir (trothwy dienw)
diag-threshold-hint = { $n ->
    [zero] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb.
    [one] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb; byth llai nag { $n } person.
    [two] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb; byth llai na { $n } berson.
    [few] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb; byth llai na { $n } pherson.
    [many] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb; byth llai na { $n } pherson.
   *[other] Dangosir canlyniadau grŵp dim ond pan fydd o leiaf y nifer hwn o bobl wedi ateb; byth llai na { $n } o bobl.
}
diag-open-round-button = Agor y cylch
diag-self-audit-title = Hunanarchwiliad
diag-self-audit-intro = Myfyrdod cyflym ar eich arweinyddiaeth eich hun o ddysgu ac addysgu, heb ymatebwyr, sy'n rhoi'r un olwg fesul dimensiwn â chylch llawn.
diag-self-audit-link = Cwblhau neu adolygu eich hunanarchwiliad
diag-self-audit-about = Eich barn eich hun am eich arweinyddiaeth: nid oes neb arall yn ateb, ac nid oes neb arall yn ei gweld.
diag-self-audit-profile = Eich hunanarchwiliad fesul dimensiwn
diag-self-audit-taken = Cwblhawyd ar { $name }.
diag-self-audit-caution = Mae hunanarchwiliad yn dangos sut rydych chi'n gweld eich hun. Efallai y bydd y staff yn ei gweld yn wahanol: agorwch gylch i gael gwybod.
diag-self-audit-again = Cwblhau'r hunanarchwiliad eto

diag-round-title = Cylch o'r arweinyddiaeth 360
diag-leader = Arweinydd
diag-threshold-short = Trothwy dienw
diag-responses = Ymatebion hyd yma
diag-counts-only = { $n ->
    [zero] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau.
    [one] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau, ar gyfer grwpiau o { $n } person o leiaf.
    [two] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau, ar gyfer grwpiau o { $n } berson o leiaf.
    [few] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau, ar gyfer grwpiau o { $n } pherson o leiaf.
    [many] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau, ar gyfer grwpiau o { $n } pherson o leiaf.
   *[other] Tra bo'r cylch ar agor, dim ond faint o bobl sydd wedi ateb ym mhob grŵp a welwch. Bydd y canlyniadau'n ymddangos pan fydd ar gau, ar gyfer grwpiau o { $n } o bobl o leiaf.
}
diag-responses-caption = { $n ->
    [zero] Dim ymatebion eto
    [one] { $n } ymateb i gyd
    [two] { $n } ymateb i gyd
    [few] { $n } ymateb i gyd
    [many] { $n } ymateb i gyd
   *[other] { $n } ymateb i gyd
}
diag-col-group = Grŵp
diag-col-responses = Ymatebion
diag-self-rating-title = Eich hunanasesiad
diag-self-rating-done = Rydych wedi asesu eich hun.
diag-self-rating-again = Newid eich hunanasesiad
diag-self-rating-todo = Aseswch eich arweinyddiaeth eich hun ar yr un datganiadau, fel y gall yr adroddiad ddangos y bwlch rhwng eich barn chi a barn pobl eraill.
diag-self-rating-start = Asesu eich hun
diag-self-rating-about = Eich arweinyddiaeth eich hun yn { $name }: nid yw hyn yn ddienw, a dim ond chi sy'n ei weld.
diag-invite-staff = Gwahodd staff
diag-invite-intro = Dewiswch sut mae pob person yn cael ei wahodd. Yn yr ap: maen nhw'n ateb o'u harolygon eu hunain ar ôl mewngofnodi. Blwch allan: dolen untro y mae'r pennaeth neu'r rheolwr data yn ei rhoi iddyn nhw (ni fyddwch chi byth yn ei gweld). E-bost: anfonir y ddolen yn syth i'w cyfeiriad.
diag-email-not-offered = Nid yw e-bost wedi'i osod ar y gweinydd hwn, felly gwahoddir pobl heb gyfrif drwy'r blwch allan.
diag-invited-count = { $n ->
    [zero] Neb wedi'i wahodd hyd yma.
    [one] Un person wedi'i wahodd hyd yma.
    [two] Dau berson wedi'u gwahodd hyd yma.
    [few] { $n } pherson wedi'u gwahodd hyd yma.
    [many] { $n } pherson wedi'u gwahodd hyd yma.
   *[other] { $n } person wedi'u gwahodd hyd yma.
}
diag-invite-staff-legend = Staff i'w gwahodd (mae pob un yn ateb yng ngrŵp ei rôl)
diag-no-staff = Nid oes staff yn y grwpiau a holir.
diag-invited = wedi'i wahodd
diag-invite-button = Gwahodd
diag-col-person = Person
diag-col-channel = Sut
diag-col-link = Dolen
diag-channel-none = Heb ei wahodd
diag-channel-in-app = Yn yr ap
diag-channel-outbox = Dolen o'r blwch allan
diag-channel-email = E-bost
diag-email-subject = Eich barn am arweinyddiaeth { $leader }
diag-email-body = Fe'ch gwahoddir i roi eich barn am arweinyddiaeth { $leader } yn { $school }. Mae eich atebion yn ddienw: dim ond ffigurau o grwpiau digon mawr i guddio pwy ddywedodd beth y mae { $leader } yn eu gweld.

    Atebwch yma (mae'r ddolen yn gweithio unwaith): { $link }
diag-email-failed-title = Ni anfonwyd rhai gwahoddiadau
diag-email-failed = { $n ->
    [one] Ni ellid anfon un e-bost. Mae ei wahoddiad yn aros ym mlwch allan yr ysgol, lle gall y pennaeth neu'r rheolwr data roi dolen.
   *[other] Ni ellid anfon { $n } e-bost. Mae eu gwahoddiadau yn aros ym mlwch allan yr ysgol, lle gall y pennaeth neu'r rheolwr data roi dolenni.
}
diag-outbox = Blwch allan 360
diag-outbox-title = Blwch allan arweinyddiaeth 360
diag-outbox-intro = Dolenni ar gyfer pobl a wahoddwyd i arweinyddiaeth 360. Rhowch bob dolen i'r person a enwir yn unig. Dangosir dolen unwaith, pan gaiff ei chreu; mae creu un newydd yn atal yr hen un rhag gweithio. Ni welwch fyth ddolenni 360 amdanoch chi eich hun.
diag-outbox-empty = Nid oes dolenni'n aros i'w rhoi.
diag-outbox-caption = Gwahoddiadau'n aros am ateb
diag-outbox-not-issued = dim dolen eto
diag-outbox-issued = dolen wedi'i chreu ar { $date }
diag-outbox-emailed = anfonwyd drwy e-bost ar { $date }
diag-outbox-issue = Creu dolen
diag-outbox-issue-for = Creu dolen ar gyfer { $name }
diag-link-title = Dolen arolwg untro
diag-link-shown-once = Copïwch y ddolen hon nawr a'i rhoi i'r person a enwir yn unig: dim ond unwaith y caiff ei dangos ac ni ellir ei hadfer.
diag-link-for = Y ddolen ar gyfer { $person } (360 am { $leader }):
diag-back-to-outbox = Yn ôl i'r blwch allan
diag-by-channel = Sut daeth yr atebion
diag-by-channel-caption = Ymatebion fesul sianel (cuddir llai na'r trothwy)
diag-col-channel-responses = Ymatebion
diag-back-to-round = Yn ôl i'r cylch
diag-close-title = Cau'r cylch
diag-close-intro = Mae cau'r cylch yn atal rhagor o atebion ac yn cynhyrchu'r adroddiad.
diag-close-button = Cau'r cylch a gweld yr adroddiad
diag-back = Yn ôl i'r arweinyddiaeth 360

diag-group-senior-leaders = Uwch arweinwyr
diag-group-middle-leaders = Arweinwyr canol
diag-group-teachers = Athrawon
diag-group-support-staff = Staff cymorth
diag-group-governors = Llywodraethwyr

diag-unanswered-hint = Caiff datganiadau na fyddwch yn eu hateb eu gadael allan, fel "Ddim yn gwybod".
diag-nothing-answered = Nid ydych wedi ateb unrhyw ddatganiad, felly nid oes dim wedi'i anfon ac mae eich dolen yn dal i weithio. Dewiswch ateb i o leiaf un datganiad, yna anfonwch eich atebion — neu caewch y dudalen hon a dewch yn ôl yn nes ymlaen.
diag-submit-answers = Anfon fy atebion
diag-thanks-title = Diolch
diag-thanks-message = Mae eich atebion wedi'u cofnodi'n ddienw. Ni ellir defnyddio'r ddolen na'r gwahoddiad hwn eto.
diag-refused-title = Ni ellir ateb yr arolwg hwn
diag-refused-unknown = Nid yw'r ddolen arolwg hon yn hysbys. Gwiriwch eich bod wedi'i chopïo i gyd.
diag-refused-used = Mae'r ddolen neu'r gwahoddiad hwn eisoes wedi'i ddefnyddio i ateb. Gellir defnyddio pob un unwaith.
diag-refused-expired = Mae'r ddolen arolwg hon wedi dod i ben. Gofynnwch i'r sawl a'i rhoddodd i chi am un newydd.
diag-refused-closed = Mae'r cylch hwn o'r arolwg wedi cau.

diag-report-title = Adroddiad arweinyddiaeth 360
diag-closed-on = Caewyd
diag-print-hint = I argraffu'r adroddiad hwn neu ei gadw fel PDF, defnyddiwch orchymyn argraffu eich porwr.
diag-scale-is = Mae'r graddau ar y raddfa { $name }; caiff "Ddim yn gwybod" ei adael allan o bob cymedr.
diag-who-answered = Pwy atebodd
diag-anonymity-rule = { $n ->
    [zero] Dangosir grŵp dim ond os oes ganddo ddigon o ymatebion; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
    [one] Dangosir grŵp dim ond os oes ganddo { $n } ymateb o leiaf; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
    [two] Dangosir grŵp dim ond os oes ganddo { $n } ymateb o leiaf; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
    [few] Dangosir grŵp dim ond os oes ganddo { $n } ymateb o leiaf; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
    [many] Dangosir grŵp dim ond os oes ganddo { $n } ymateb o leiaf; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
   *[other] Dangosir grŵp dim ond os oes ganddo { $n } ymateb o leiaf; caiff grŵp llai ei gyfuno â'r grŵp lleiaf nesaf, a chaiff grŵp y gellid ei gyfrifo trwy dynnu ei guddio hefyd.
}
diag-visibility-shown = { $n ->
    [zero] dim ymatebion
   *[other] { $n } ymateb, wedi'u dangos
}
diag-visibility-merged = { $n ->
    [zero] dim ymatebion
   *[other] { $n } ymateb, wedi'u dangos ynghyd â { $with }
}
diag-visibility-all-others = { $n ->
    [zero] dim ymatebion
   *[other] { $n } ymateb, wedi'u cyfrif yn "pawb arall" yn unig
}
diag-visibility-hidden = { $n ->
    [zero] dim ymatebion
   *[other] { $n } ymateb: heb eu dangos, llai na { $k }
}
diag-visibility-none = dim ymatebion
diag-no-self-rating = Ni wnaethoch asesu eich hun yn y cylch hwn, felly nid oes bylchau.
diag-nothing-shown = Atebodd rhy ychydig o bobl i ddangos unrhyw ffigur heb beryglu eu hanhysbysrwydd.
diag-profile-title = Proffil y dimensiynau
diag-self = Chi eich hun
diag-all-others = Pawb arall
diag-by-dimension = Fesul dimensiwn
diag-by-dimension-caption = Gradd gymedrig fesul dimensiwn: eich un chi, pob grŵp a ddangosir, a phawb arall
diag-col-dimension = Dimensiwn
diag-col-gap = Bwlch
diag-col-alpha = Alffa
diag-col-spread = Gwasgariad (GS)
diag-col-distribution = Atebion 1 / 2 / 3 / 4 / 5 · ?
diag-table-notes = Bwlch = pawb arall − chi eich hun. Alffa yw alffa Cronbach ar draws pawb arall, a ddangosir o 10 ymateb cyflawn. Gwasgariad yw gwyriad safonol cymedrau'r ymatebwyr. Mae "?" yn cyfrif "Ddim yn gwybod".
diag-alpha-too-few = n < 10
diag-strengths-blind-spots = Cryfderau a mannau dall
diag-strengths = Cryfderau: mae eraill yn eich graddio'n uwch nag yr ydych yn graddio eich hun
diag-blind-spots = Mannau dall: mae eraill yn eich graddio'n is nag yr ydych yn graddio eich hun
diag-col-practice = Arfer
diag-no-gaps = Mae cryfderau a mannau dall angen eich hunanasesiad a ffigurau pawb arall.
diag-focus-title = Ble i ganolbwyntio
diag-focus-intro = Yn nhrefn blaenoriaeth: pa mor bell y mae'r radd o dan frig y raddfa, wedi'i luosi ag effaith y dimensiwn ar ganlyniadau disgyblion yn yr ymchwil, wedi'i addasu ar gyfer cyd-destun eich ysgol.
diag-context-years-early = { $n ->
    [zero] Mae'r pennaeth wedi bod yn y swydd am lai na blwyddyn (yn gynnar yn y swydd).
    [one] Mae'r pennaeth wedi bod yn y swydd am { $n } flwyddyn (yn gynnar yn y swydd).
    [two] Mae'r pennaeth wedi bod yn y swydd am { $n } flynedd (yn gynnar yn y swydd).
    [few] Mae'r pennaeth wedi bod yn y swydd am { $n } blynedd (yn gynnar yn y swydd).
    [many] Mae'r pennaeth wedi bod yn y swydd am { $n } blynedd (yn gynnar yn y swydd).
   *[other] Mae'r pennaeth wedi bod yn y swydd am { $n } o flynyddoedd (yn gynnar yn y swydd).
}
diag-context-years-established = { $n ->
    [zero] Mae'r pennaeth wedi bod yn y swydd am lai na blwyddyn (wedi ymsefydlu).
    [one] Mae'r pennaeth wedi bod yn y swydd am { $n } flwyddyn (wedi ymsefydlu).
    [two] Mae'r pennaeth wedi bod yn y swydd am { $n } flynedd (wedi ymsefydlu).
    [few] Mae'r pennaeth wedi bod yn y swydd am { $n } blynedd (wedi ymsefydlu).
    [many] Mae'r pennaeth wedi bod yn y swydd am { $n } blynedd (wedi ymsefydlu).
   *[other] Mae'r pennaeth wedi bod yn y swydd am { $n } o flynyddoedd (wedi ymsefydlu).
}
diag-context-years-unknown = Nid yw dyddiad dechrau'r pennaeth wedi'i gofnodi, felly nid yw'r amser yn y swydd yn cael ei ystyried.
diag-context-fsm = Prydau ysgol am ddim: { $share } o'r disgyblion (band { $band } o 4).
diag-context-improvement-unknown = Grŵp gwella: nid yw'n hysbys eto (mae angen sawl blwyddyn o ddata cynnydd ar gyfer yr ysgol).
diag-focus-figures = Gradd { $rating } · maint effaith { $effect } · blaenoriaeth { $priority }
diag-focus-figures-adjusted = Gradd { $rating } · maint effaith { $effect } · blaenoriaeth { $base } { $factors } = { $priority } ar gyfer eich cyd-destun
diag-focus-basis-study = (Tystiolaeth: Day et al. 2009, §{ $section }.)
diag-focus-basis-judgement = (Barn Headway, nid canfyddiad astudiaeth.)
diag-focus-weight = Yn codi'r flaenoriaeth hon × { $factor }; barn Headway yw maint y pwysiad.
diag-focus-weight-none = Nodyn yn unig: nid yw'r flaenoriaeth wedi newid.
diag-focus-evidence = Tystiolaeth:
diag-focus-caveat = Cafeat:
diag-focus-context = Yn eich cyd-destun chi:
diag-no-focus = Mae awgrymiadau ffocws angen ffigurau pawb arall, nad ydynt yn cael eu dangos ar gyfer y cylch hwn.
diag-comparison-title = O'i gymharu â'ch cylch blaenorol
diag-comparison-none = Dyma eich cylch cyntaf: nid oes dim i'w gymharu ag ef eto.
diag-comparison-not-possible = Ni ellir cymharu ffigurau'r cylch blaenorol (dangoswyd rhy ychydig o ymatebion yn un o'r ddau gylch).
diag-comparison-caption = Cymedr pawb arall fesul dimensiwn, o'i gymharu â'r cylch a agorwyd ar { $name }
diag-col-previous = Blaenorol
diag-col-current = Y cylch hwn
diag-col-change = Newid
diag-col-interval = Cyfwng 95% y newid
diag-to = i
diag-by-category = Yn ôl categori arfer
diag-by-category-intro = Y pedwar categori o arferion arwain sylfaenol y mae penaethiaid llwyddiannus yn eu defnyddio (Leithwood, Day, Sammons, Harris a Hopkins): mae pob ffigur yn gymedr dros eitemau'r categori.
diag-by-category-caption = Gradd gymedrig yn ôl categori: eich un chi, pob grŵp a ddangosir, a phawb arall
diag-col-category = Categori
diag-col-dimension-mapped = Dimensiwn (mapio Headway)
diag-mapping-judgement = Barn Headway yw at ba un o bum dimensiwn Robinson y mae pob arfer yn cyfrif: mae'r astudiaethau'n diffinio'r dimensiynau a'r arferion, nid mapio rhyngddynt. Y categorïau yw rhai'r astudiaethau eu hunain.
diag-by-practice = Fesul arfer
diag-by-practice-caption = Gradd gymedrig fesul arfer: eich un chi, pob grŵp a ddangosir, a phawb arall
diag-context-improvement = Grŵp gwella dros y tair blynedd diwethaf, pob pwnc gyda'i gilydd: { $group }. { $explained }

diag-hidden = cudd
diag-hidden-note = { $n ->
   *[other] “cudd”: rhoddodd llai na { $n } o bobl y ffigur hwn, neu, gyda'r ffigurau a ddangosir (fel pawb arall namyn y grwpiau a ddangosir), byddai'n datgelu grŵp llai.
}

# Pam y gwrthodwyd cais 360.
diag-error-round-closed = Mae'r cylch hwn wedi cau: ni ellir ychwanegu dim mwy ato.
diag-error-no-groups = Dewiswch o leiaf un grŵp o ymatebwyr.
diag-error-channel = Ni ellir gwahodd { $name } yn y ffordd honno.
# The staff climate scale beside dimension 5 (issue 17, item 8).
diag-climate-beside = Wrth ei ochr, arolwg hinsawdd y staff a gaeodd { $date }: amgylchedd trefnus a chefnogol { $mean } (cyfwng 95% { $lower } i { $upper }), { $n } aelod o staff, ar ei raddfa 1–5. Canlyniadau arolwg a ryddhawyd; cwestiwn gwahanol i un y 360, felly nid yw'r ddau ar un raddfa.
diag-climate-suppressed = Mae gan arolwg hinsawdd y staff a gaeodd { $date } lai na { $k } aelod o staff â sgôr ar amgylchedd trefnus a chefnogol, felly nid yw'n cael ei ddangos.
