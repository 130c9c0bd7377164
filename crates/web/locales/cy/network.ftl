network-title = Rhwydwaith cyngor
network-home-link = Rhwydwaith cyngor { $name }: at bwy ydych chi'n troi am gyngor?
network-topic-teaching-mathematics = Addysgu mathemateg
network-topic-behaviour = Ymddygiad
network-topic-curriculum-planning = Cynllunio'r cwricwlwm
network-topic-using-data = Defnyddio data
network-topic-well-being = Llesiant
network-question-teaching-mathematics = At bwy ydych chi'n troi am gyngor ar addysgu mathemateg?
network-question-behaviour = At bwy ydych chi'n troi am gyngor ar ymddygiad?
network-question-curriculum-planning = At bwy ydych chi'n troi am gyngor ar gynllunio'r cwricwlwm?
network-question-using-data = At bwy ydych chi'n troi am gyngor ar ddefnyddio data?
network-question-well-being = At bwy ydych chi'n troi am gyngor ar lesiant?
network-role-head = Pennaeth
network-role-senior-leader = Uwch arweinydd
network-role-middle-leader = Arweinydd canol
network-role-teacher = Athro
network-role-support-staff = Staff cymorth
network-role-data-manager = Rheolwr data
network-notice-title = Pwy fydd yn gweld eich atebion
network-notice-readers = Bydd pennaeth ac uwch arweinwyr { $name } yn gweld y rhwydwaith cyngor a wneir gan eich atebion.
network-notice-not = Ni fydd y llywodraethwyr yn eu gweld, na neb arall. Ni ddywedir wrth neb beth a atebwyd gennych ond wrth yr arweinwyr hynny.
network-notice-why = Mae'r atebion yn dangos sut mae cyngor yn llifo drwy'r ysgol, fel y gall arweinwyr weld at bwy mae cydweithwyr yn troi, gan gynnwys pobl heb swydd ffurfiol. Ni chânt eu defnyddio i farnu neb.
network-results-link = Gweld y canlyniadau (pennaeth ac uwch arweinwyr)
network-no-round = Nid yw'r cwestiwn cyngor ar agor ar hyn o bryd.
network-open-round = Agor y cwestiwn cyngor i'r staff
network-close-round = Cau'r cwestiwn cyngor
network-round-since = Ar agor ers { $name }.
network-saved = Diolch: mae eich atebion wedi'u cadw. Gallwch eu newid tra bo'r cwestiwn ar agor.
network-answered-before = Rydych chi wedi ateb eisoes; mae eich atebion wedi'u ticio isod a gallwch eu newid tra bo'r cwestiwn ar agor.
network-nothing-chosen = Nid ydych wedi enwi neb. Ticiwch y cydweithwyr rydych chi'n troi atyn nhw, neu ticiwch "Nid wyf yn troi at neb am gyngor ar y rhain" ac anfon eto.
network-intro = Ar gyfer pob pwnc, ticiwch y cydweithwyr rydych chi'n troi atyn nhw am gyngor neu wybodaeth. Ticiwch gynifer neu gyn lleied ag y mynnwch; gadewch bwnc yn wag os nad ydych yn troi at neb amdano.
network-search-label = Dod o hyd i gydweithiwr yn ôl enw, rôl neu adran
network-search-button = Chwilio
network-search-hint = Mae chwilio'n cadw'r hyn rydych wedi'i dicio; nid yw'n cadw dim nes i chi anfon eich atebion.
network-search-shown = Yn dangos { $n } o { $total } o gydweithwyr.
network-search-none = Nid oes cydweithiwr yn cyfateb i'r chwiliad.
network-kept = { $n ->
    [zero] Nid oes cydweithwyr wedi'u ticio wedi'u cuddio gan y chwiliad.
    [one] Mae { $n } cydweithiwr a diciwyd gennych wedi'i guddio gan y chwiliad ac yn parhau wedi'i dicio.
    [two] Mae { $n } gydweithiwr a diciwyd gennych wedi'u cuddio gan y chwiliad ac yn parhau wedi'u ticio.
    [few] Mae { $n } cydweithiwr a diciwyd gennych wedi'u cuddio gan y chwiliad ac yn parhau wedi'u ticio.
    [many] Mae { $n } chydweithiwr a diciwyd gennych wedi'u cuddio gan y chwiliad ac yn parhau wedi'u ticio.
   *[other] Mae { $n } o gydweithwyr a diciwyd gennych wedi'u cuddio gan y chwiliad ac yn parhau wedi'u ticio.
}
network-nobody = Nid wyf yn troi at neb am gyngor ar y pynciau hyn
network-send = Anfon fy atebion
network-error-no-round = Nid yw'r cwestiwn cyngor ar agor, felly nid oes dim i'w ateb.
network-error-not-on-roster = Roedd ateb yn enwi rhywun nad yw ar staff yr ysgol hon.
network-error-empty = Ni atebwyd dim: enwch gydweithiwr, neu dywedwch nad ydych yn troi at neb.
network-results-title = Rhwydwaith cyngor
network-results-who-sees = Dangosir yr enwau ar y dudalen hon i'r pennaeth yn unig, fel y dywedwyd wrth y staff cyn iddynt ateb y rownd hon; mae'r uwch arweinwyr yn gweld y rhwydwaith heb enwau. Ni fydd llywodraethwyr byth yn gweld y dudalen hon.
network-round-label = Rownd
network-round-open = Agorwyd { $name }, yn dal ar agor
network-round-closed = Agorwyd { $opened }, caewyd { $closed }
network-response = Mae { $n } o { $staff } o staff wedi ateb.
network-open-caveat = Mae'r cwestiwn yn dal ar agor: bydd y ffigurau hyn yn newid wrth i ragor o staff ateb.
network-topics-label = Pynciau
network-density = Dwysedd
network-density-about = Cyfran yr holl gysylltiadau cyngor posibl sy'n bodoli (cysylltiadau ÷ n(n−1)).
network-reciprocity = Cilyddiaeth
network-reciprocity-about = Cyfran y cysylltiadau sy'n mynd y ddwy ffordd.
network-centralisation = Canoli
network-centralisation-about = Canoli gradd-mewn Freeman: 1 pan fo pawb yn troi at un person, 0 pan fo pawb yn cael eu ceisio'n gyfartal.
network-ties = { $n ->
    [zero] Dim cysylltiadau cyngor ar y pwnc hwn.
    [one] { $n } cysylltiad cyngor ar y pwnc hwn.
    [two] { $n } gysylltiad cyngor ar y pwnc hwn.
    [few] { $n } chysylltiad cyngor ar y pwnc hwn.
    [many] { $n } chysylltiad cyngor ar y pwnc hwn.
   *[other] { $n } o gysylltiadau cyngor ar y pwnc hwn.
}
network-informal-title = Yn cael eu ceisio heb swydd
network-informal-rule = Mae rhywun yn cael ei geisio pan fo o leiaf ddau gydweithiwr yn ei enwi, a dwywaith cynifer o leiaf ag sy'n enwi'r aelod staff cyffredin. Swydd yw pennaeth, uwch arweinydd, arweinydd canol neu reolwr data.
network-informal-none = Nid oes neb heb swydd yn cael ei geisio ar y pwnc hwn.
network-posts-title = Deiliaid swyddi nad oes neb yn troi atynt ar bwnc sy'n rhan o'u swydd
network-posts-none = Mae rhywun yn enwi pawb y mae'r pwnc hwn yn rhan o'u swydd.
network-isolates-title = Ar wahân (nid yn enwi nac yn cael eu henwi)
network-isolates-none = Nid oes neb ar wahân ar y pwnc hwn.
network-person-named = { $name } ({ $detail }): wedi'i enwi gan { $n }
network-picture-title = Y rhwydwaith
network-chart-title = Rhwydwaith cyngor: { $name }. Mae pob dot yn aelod o staff, wedi'i rifo fel yn y tabl isod, a'i faint yn ôl faint o gydweithwyr sy'n ei enwi; mae pob saeth yn mynd o'r person sy'n gofyn at y person a holir.
network-node-title = { $name }, wedi'i enwi gan { $n }
network-key-post = Yn dal swydd
network-key-informal = Yn cael ei geisio heb swydd
network-key-staff = Staff eraill
network-picture-about = Mae pobl ar gylch wedi'u grwpio yn ôl adran; mae'r tabl isod yn rhoi'r un ffigurau.
network-people-title = Pob person
network-col-number = Rhif
network-col-name = Enw
network-col-role = Rôl
network-col-department = Adran
network-col-in = Wedi'i enwi gan
network-col-out = Yn enwi
network-col-betweenness = Broceriaeth
network-col-notes = Nodiadau
network-note-informal = Arweinydd anffurfiol
network-note-sought = Yn cael ei geisio
network-note-isolate = Ar wahân.
network-note-not-answered = Heb ateb.
network-columns-about = Wedi'i enwi gan: gradd-mewn, faint o gydweithwyr sy'n troi at y person hwn. Yn enwi: gradd-allan. Broceriaeth: rhyngoldeb, cyfran y llwybrau cyngor byrraf rhwng dau arall sy'n mynd drwy'r person hwn (0 i 1).
network-by-role = Yn ôl rôl
network-by-department = Yn ôl adran
network-no-department = Dim adran
network-col-group = Grŵp
network-col-people = Pobl
network-col-named = Nifer o weithiau wedi'i enwi
network-col-mean = Cymedr wedi'i enwi
network-col-sought = Yn cael eu ceisio
# Enwau: i'r pennaeth yn unig, pan roddodd gosodiad yr ysgol hwy wrth agor y rownd (mater 17, eitem 7).
network-notice-names-head = Yn y rownd hon, dim ond y pennaeth sydd hefyd yn gweld enwau: pwy a enwoch chi, a phwy a'ch enwodd chi. Mae'r uwch arweinwyr yn gweld y rhwydwaith heb enwau, gyda phob person yn ddim ond rhif mewn grŵp o { $n } aelod o staff o leiaf.
network-notice-no-names = Nid oes neb yn gweld enwau yn y rownd hon: mae pob person yn ymddangos fel rhif yn unig mewn grŵp o { $n } aelod o staff o leiaf (yn ôl rôl ac adran), felly nid oes neb yn dysgu pwy a enwoch chi na phwy a'ch enwodd chi.
network-results-structure = Mae'r dudalen hon yn dangos y rhwydwaith heb enwau, fel y dywedwyd wrth y staff cyn iddynt ateb. Ni fydd llywodraethwyr byth yn gweld y dudalen hon.
network-names-title = Enwau yn y rhwydwaith cyngor
network-names-now-on = Gosodiad: mae'r pennaeth yn gweld enwau yn y rowndiau a agorir o hyn ymlaen. Nid yw'r uwch arweinwyr byth yn eu gweld.
network-names-now-off = Gosodiad: nid oes neb yn gweld enwau yn y rowndiau a agorir o hyn ymlaen (y rhagosodiad).
network-names-round-on = Agorwyd y rownd hon gydag enwau i'r pennaeth, a dywedwyd hynny wrth y staff cyn iddynt ateb.
network-names-round-off = Agorwyd y rownd hon heb enwau, a dywedwyd hynny wrth y staff cyn iddynt ateb: mae ei henwau'n aros yn gudd beth bynnag a ddywed y gosodiad nawr.
network-names-turn-on = Dangos enwau i'r pennaeth yn y rowndiau a agorir o hyn ymlaen
network-names-turn-off = Peidio â dangos enwau i'r pennaeth
network-structure-title = Heb enwau
network-structure-about = Rhif yw pob person. Dangosir eu grŵp (rôl ac adran) dim ond lle mae'n cynnwys { $k } aelod o staff o leiaf; cyfunir grwpiau llai, a chyfrifir unrhyw un sy'n dal mewn grŵp o lai na { $k } ymhlith staff eraill, fel nad oes label yn pwyntio at un person.
network-other-staff = Staff eraill
network-key-mixed = Grŵp gyda swyddi a hebddynt, neu staff eraill
network-picture-about-structure = Mae pobl yn eistedd ar gylch fesul grŵp, y rhai y troir atynt fwyaf yn gyntaf; mae'r tabl isod yn rhoi'r un ffigurau.
network-node-title-anonymous = Person { $number } ({ $group }), wedi'i enwi gan { $n }
network-by-group = Yn ôl grŵp
network-posts-rule = Rhestrir swydd yma dim ond pan fo'r pwnc yn rhan ohoni: y pennaeth ar ymddygiad, y cwricwlwm a llesiant; uwch arweinwyr ar bob pwnc ond addysgu mathemateg; penaethiaid adran ar gynllunio'r cwricwlwm, a phennaeth mathemateg ar addysgu mathemateg; y rheolwr data ar ddefnyddio data.
