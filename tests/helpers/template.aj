# Benchmark template: the koordinaator description (tests/fixtures/seeds/000_*.txt)
# written as .aj by hand. The corpus generator recombines its parts with those of the
# other sources; see tests/helpers/corpus.py.
ametijuhend
  asutus: Sotsiaalkindlustusamet
  kinnitatud: käskkirjaga
  kinnitaja: Sotsiaalkindlustusameti peadirektori
  number: 95
  kuupäev: 11.06.2023
  lisa: 11

1. üldosa: Üldosa
  ametinimetus: Koordinaator
    (psühhosotsiaalse kriisiabi koordinaator)
  struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,
    psühhosotsiaalse toe talitus
    (ohvriabi põhja, lõuna, lääne ja ida piirkond)
  vahetu juht: Piirkonna juht
  asendaja: Psühhosotsiaalse kriisiabi
    peaspetsialist ja koordinaator
  asendab: Psühhosotsiaalse kriisiabi
    peaspetsialist ja koordinaatorit
  eritingimused: Ametikohal kohaldatakse summeeritud tööaega, sh töötamist ööajal, nädalavahetustel ja
    riigipühadel. Arvestusperioodi pikkus on neli kuud.

2. eesmärk: Ametikoha eesmärk
  Ametikoha eesmärk on psühhosotsiaalse kriisiabi korraldamine kriisijuhtumite korral, tagades abi
  osutamise võimekuse ja kvaliteedi üle Eesti.

3. ülesanded: Teenistuskohustused
  3.1. Kriisijuhtumijärgne ööpäevaringne
    valmisolek kriisijuhtumitele
    reageerida, sh väljareageerimine;
    olukorra hindamine ning seotud
    asutuste ja isikutega koostöö
    käivitamine; kriisijuhtumi ohvrite
    väljaselgitamine ja nende esmaste
    vajaduste hindamine; psühholoogilise
    esmaabi andmine ja muu
    psühhosotsiaalse abi käivitamine.
    - Kriisijuhtumijärgselt on tagatud kriisiolukorra
      hindamine, koostöö kriisi juhtiva asutusega
      ning abi on tagatud õigeaegselt ja
      proaktiivselt.
    - Kriisijuhtumi ohvrid on välja selgitatud ja
      nende esmased vajadused on hinnatud.
    - Kriisijuhtumitest puudutatud inimeste
      abistamine on tagatud traumateadliku
      abistamise põhimõtetel ja abi andmine on
      vajadustest lähtuv. Kannatanutele on pakutud
      psühholoogilist esmaabi, st esmaste
      vajaduste märkamist, praktilise abi ja info
      andmist, emotsionaalse toe pakkumist.
    - Juhtumeid käsitlev teavitus ja
      dokumentatsioon on vormistatud õigeaegselt
      ja korrektselt.
  3.2. Võrgustikuliikmete toetamine,
    juhendamine pädevusvaldkonnaga
    seotud küsimustes ja koostöö
    kriisijuhtumi ohvrite abistamisel
    hilisemas faasis.
    - Võrgustikuliikmed on toetatud ja juhendatud
      nõuetekohaselt.
    - Võrgustikuliikmed on ajakohase
      informatsiooniga varustatud.
    - Informatsioon on piisav, arusaadav ja
      partneritele ning abisaajatele kättesaadav.
    - Võrgustikuliikmetega on tagatud proaktiivne ja
      järjepidev infovahetus ja koordineeritud
      koostöö.
    - Kriisijuhtumijärgse abi saamise võimalused
      on piirkondlikult kaardistatud, abivajajatele ja
      võrgustikupartneritele kättesaadavad ja
      ajakohaselt uuendatud.
  3.3. Ennetus- ja teavitustegevuste
    korraldamine.
    - Ennetustegevused, koolitused ja muud
      teavitustegevused on eesmärgipäraselt ja
      sihtgrupi vajadustest lähtuvalt korraldatud ja
      läbiviidud.
    - Koolitustel ja koosolekutel on osaletud
      nõuetekohaselt.
  3.4. Enesehoiu praktiseerimine nii grupis
    kui individuaalselt
    - Osaleb regulaarselt SKA poolt võimaldavates
      kovisioonides või supervisioonides
  3.5. Vabatahtlike kaasamine ja nende
    tegevuse korraldamine oma
    piirkonnas
    - Väljaõpetatud vabatahtlikud on kaasatud
      piisaval arvul ning sageduses
    - Vabatahtlikele on tagatud tööks piisav tugi
  3.6. Vastutusvaldkonnaga seotud
    dokumentatsiooni täitmine ja
    haldamine, tegevus- ja kuluaruannete
    esitamine.
    - Dokumentatsioon on täidetud, esitatud
      korrektselt ja tähtajaliselt.
    - Aruanded on kontrollitud ja õiged.
  3.7. Mõjude hindamise ja
    kasutajakogemuse analüüsimise
    koordineerimine.
    - Andmed on kogutud, analüüsitud ja esitatud.
  3.8. Vastutusvaldkonda pudutava
    informatsiooni haldamine.
    - Ohvriabi partnerid ja teenuste saajad on
      teadlikud traumajärgsetest abi võimalustest.
    - Informatsioon on piisav ja partneritele ning
      teenuse saajatele kättesaadav.
  3.9. Vajadusel vastutusvaldkonnaga
    seotud juhendite ja teabematerjalide
    ettevalmistamine ja kaasajastamine,
    ning kodulehel ja sotsiaalmeedias
    oleva info avaldamine ja
    kaasajastamine.
    - Juhendid on koostatud asjatundlikult.
      Kodulehel ja sotsiaalmeedias avalikustatud
      teave on õige ja ajakohane.
  3.10. Vastutusvaldkonda puudutavate
    kirjade ja dokumentide kavandite
    koostamine isikutele,
    ministeeriumidele, teistele ametitele,
    ettevõtetele ja institutsioonidele.
    - Kavandid on koostatud korrektselt ja
      õieaegselt vastavalt kehtestatud nõuetele.
  3.11. Koostöö teiste osakondade,
    asutuste ja organisatsioonidega
    oma pädevusvaldkonnas.
    - Välja on kujunenud koostööpartnerite
      võrgustik.
    - Toimub infovahetus ja koostöö partneritega.
  3.12. Muude pädevusvaldkonda kuuluvate
    tegevuste korraldamine.
    - Muud tööga seotud tegevused ja projektid on
      omal initsiatiivil ja/või juhi korraldusel edukalt
      läbi viidud.
    - Tehtud on asjakohased ettepanekud oma
      valdkonna töökorralduse parandamiseks.
    - Tehtud on põhjendatud arendusettepanekuid,
      mis lähtuvad ameti eesmärkidest ja
      võimalustest.
  3.13. Vahetu juhi ühekordsete ülesannete
    teostamine.
    - Ülesanded on teostatud tähtaegselt ja
      korrektselt.

4. õigused: Õigused
  Ametnikul on õigus:
  - saada tööülesannete täitmiseks vajalikku infot ja abi teistelt ameti struktuuriüksustelt;
  - osaleda ametikohale vajalikel koolitustel jt arendustegevustes;
  - taotleda vajalikke töövahendeid ja -tingimusi;
  - esindada ametit oma valdkonna piires töörühmades, koolitustel jne;
  - saada ligipääs tööks vajalikele infosüsteemidele.

5. vastutus: Vastutus
  Ametnik vastutab:
  - tööülesannete tulemusliku täitmise eest vastavalt ametijuhendile, ameti põhimäärusele,
    äriprotsesside töövoogudele ja muudele kehtivatele õigusaktidele, juhenditele ning püstitatud
    eesmärkidele;
  - tööülesannete täitmiseks antud riigi vara heaperemeheliku kasutamise eest;
  - tööülesannete täitmisega seoses teatavaks saanud isikuandmete, juurdepääsupiiranguga
    teabe ning konfidentsiaalse info hoidmise eest;
  - andmebaaside ja infosüsteemide turvalise ning sihipärase kasutamise eest;
  - oma kvalifikatsiooni hoidmise ning täiendamise eest.

6. töövahendid: Töövahendid
  Töövahenditeks on ametniku kasutusse antud kontorimööbel, kontoritarbed, arvuti koos tööks
  vajaliku tarkvaraga ja mobiiltelefon ning ühiskasutuses olev kontoritehnika.

7. nõuded: Ametikohale esitatavad nõuded
  haridus: Kõrgharidus
  töökogemus: Psühhosotsiaalse abi pakkumise kogemus töökohal või vabatahtlikus töös. Töökogemus kõrge
    stressi taseme tingimustes.
  keeleoskus: Eesti keele valdamine vähemalt tasemel C1 ja vene keele valdamine tasemel B2.
  arvutioskus: Kasutab teksti- ja andmetöötluse põhifunktsioone. Kasutab info- ja
    kommunikatsioonitehnoloogiat info otsimiseks, analüüsimiseks, salvestamiseks ja
    edastamiseks, ideede väljendamiseks ning suhtlemiseks.
  kompetentsid: Tööks vajalikud kompetentsid
    Kliendikesksus:
      - Lähtub töös kliendi (nii sise- kui väliskliendi) vajadustest ning õigustest.
      - Püüdleb oma töös kõrge kvaliteedi ning kliendirahulolu tagamise poole.
      - Näitab üles austust avalikkuse ja kolleegide suhtes.
    Asjatundlikkus:
      - Tunneb põhjalikult oma vastutusala, hoiab end kursis valdkonna arengute ja parimate
        praktikatega.
      - Seab kõrged standardid töötamisele, tegutseb professionaalselt ja saavutab kokkulepitud
        eesmärgid.
      - Täiendab ja jagab oma teadmisi ja infot, arendab end erialaselt. Järgib tööks vajalikke
        õigusakte ja juhendmaterjale.
      - Tagab usaldusväärsuse oma pühendunud ja kohusetundliku tööga.
    Koostöövõime:
      - Tajub oma rolli ameti eesmärkide täitmisel ning teeb koostööd kolleegide ja partneritega.
      - Tegutseb meeskonna liikmena ning leiab lahendusi koos kolleegidega.
      - Täidab kokkulepped ja lubadused.
      - On avatud, kuulab ja mõtleb kaasa. Annab ja kasutab tagasisidet eesmärkide saavutamiseks.
        Näitab üles algatusvõimet ja teeb ettepanekuid.
    Efektiivsus:
      - Organiseerib oma tööd efektiivselt, seab prioriteete ja täidab ülesanded õigeaegselt. On
        süsteemne ja sihipärane, kasutab efektiivseid tegutsemis-meetodeid, viib asjad lõpuni.
      - On muutuvas keskkonnas võimeline kohanema.
      - Võtab vastutuse enda tegevuse eest.
      - Edastab infot selgelt ja otsekoheselt.
      - Kasutab ressursse tulemuslikult ning vastutustundlikult.
  lisakompetentsid: Täiendavad kompetentsid, isikuomadused ja teadmised
    - Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus: Selgitab
      keerukaid teemasid arusaadavalt ja täpselt. Põhjendab veenvalt oma seisukohti.
    - Analüüsi- ja üldistusvõime: Valib sobivad meetodid info kogumiseks, analüüsib ja hindab
      info olulisust ja asjakohasust, näeb tervikpilti ja mõistab seoseid.
    - Korrektsus: Täidab ülesandeid täpselt, kvaliteetselt, tähtaegselt ja vastavalt seatud
      nõuetele. Väljendab end selgelt ja vormiliselt korrektselt.
    - Empaatiavõime: On tähelepanelik teiste vajaduste, murede ja tunnete suhtes, tajub ja
      mõistab neid. Suhtleb taktitundeliselt ka pingelistes ja emotsionaalsetes olukordades.
    - Pingetaluvus (tasakaalukus): Hoiab oma tundeid kontrolli alla ja säilitab tasakaalu ja
      töövõime ka olukordades, kus ollakse vastamisi vaenulikkuse või vastasseisuga.

8. muutmine: Ametijuhendi muutmine
  Ametijuhend vaadatakse üle kord aastas vahetu juhiga või töökorralduse muutumisel.

allkirjad
  allkirjastaja: (allkirjastatud digitaalselt)
    Maret Maripuu
    peadirektor
