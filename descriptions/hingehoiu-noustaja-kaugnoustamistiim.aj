# Allikas: tests/fixtures/seeds/004_cb204638117e2437.txt (allkirjastatud PDF-i tekst)
1. üldosa: Üldosa
  ametinimetus: Hingehoiu nõustaja
  struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,
    psühhosotsiaalse toe talitus,
    kaugnõustamistiim
  vahetu juht: Kaugnõustamisteenuste juht
  asendaja: Hingehoiu nõustaja või
    kaugnõustamisteenuste juht
  asendab: Hingehoiu nõustajat või
    kaugnõustamisteenuste juhti

2. eesmärk: Ametikoha eesmärk
  Ametikoha eesmärk on emotsionaalse toe ja hingehoiu osutamine, et tagada abivajava isiku
  toimetulekuvõime säilitamine või taastamine ja heaolu paranemine.

  Töötaja suhtes kohaldatakse summeeritud tööaja arvestust. Summeeritud tööaja tingimused
  määratakse ära Sotsiaalkindlustusameti kodukorras.

3. ülesanded: Töö- või teenistusülesanded
  3.1 Emotsionaalse toe ja hingehoiu
    telefonile pöörduvate isikute telefoni- ja
    internetinõustamine, vajadusel pöörduja
    kriisi- ja sotsiaalnõustamine ning
    andmete fikseerimine ja edastamine
    vastavalt tööjuhisele.
    - Nõustamisteenus on kvaliteetne ja
      kompetentne.
    - Nõustamisteenust on osutatud vastavalt
      graafikule ja tööjuhisele.
    - Osutatud teenusega seonduv on
      fikseeritud, dokumentatsioon on
      nõuetekohaselt vormistatud ja
      informatsioon edastatud.
  3.2 Riigi ja kohaliku omavalitsuse üksuse
    ametiasutuste ja nende ametiisikute
    ning avalik-õiguslike ja eraõiguslike
    juriidiliste isikute telefoni- ja
    internetinõustamine emotsionaalse toe
    ja hingehoiu teemadel abivajajate
    abistamiseks.
    - Nõustamisteenus on kvaliteetne ja
      kompetentne.
    - Nõustamisteenust on osutatud vastavalt
      graafikule ja tööjuhisele.
    - Juhtumeid käsitlev dokumentatsioon on
      nõuetekohaselt vormistatud.
    - Osutatud teenusega seonduv on
      fikseeritud, dokumentatsioon on
      nõuetekohaselt vormistatud ja
      informatsioon edastatud.
  3.3 Kaugnõustamisteenuste juhiga kokku
    lepitud ohvriabi valdkonnaga seotud
    informatsiooni koondamine,
    uuendamine ja analüüsimine, sh
    abivajajatele ja nende lähedastele
    suunatud emotsionaalse toe ja
    hingehoiu teenuste ja vajalike kontaktide
    kaardistamine ja koondamine
    Koostöösuhete loomine ja oluliste
    partnerite protsessi kaasamine.
    - Informatsioon on koondatud, uuendatud
      ja analüüsitud ning see on piisav,
      arusaadav ja partneritele ning
      abisaajatele kättesaadav.
    - Koostöösuhted on loodud ja olulised
      partnerid on protsessi kaasatud.
  3.4 Ennetus- ja teavitustegevuste
    korraldamine.
    - Ennetustegevused, koolitused ja muud
      teavitustegevused on eesmärgipäraselt ja
      sihtgrupi vajadustest lähtuvalt korraldatud
      ja läbiviidud.
    - Koolitustel ja koosolekutel on osaletud
      nõuetekohaselt.
    - Kodulehel ja sotsiaalmeedias
      avalikustatud teave on õige ja ajakohane.
  3.5 Ettepanekute tegemine teenuse
    arendamise osas ja teenuse
    arendamisega seotud tegevused.
    - Seisukohad on edastatud ja esitatud
      ettepanekud on asjakohased ning
      teenuste arendustegevustes on osaletud.
  3.6 Saabuvate ja väljasaadetavate
    dokumentide, kirjade, analüüside
    registreerimine ameti
    dokumendihaldussüsteemis (DHS-s).
    - Kirjad, analüüsid ja dokumendid on
      koostatud korrektselt, õigeaegselt ja
      vastavalt kehtestatud nõuetele.
  3.7 Koostöö ohvriabi ja ennetusteenuste
    osakonna teiste spetsialistidega,
    Sotsiaalkindlustusameti teiste
    osakondadega, kohalike omavalitsuste
    ja organisatsioonidega oma
    pädevusvaldkonnas.
    - Välja on kujunenud koostööpartnerite
      võrgustik.
    - Toimub infovahetus ja koostöö
      partneritega.
  3.8 Supervisioonidel ja kovisioonidel
    osalemine.
    - Supervisioonidel ja kovisioonidel on
      osaletud regulaarselt.
  3.9 Muude pädevusvaldkonda kuuluvate
    tegevuste korraldamine.
    - Muud tööga seotud tegevused (sh
      koolitused) ja projektid on omal edukalt
      läbi viidud.
    - Tehtud on põhjendatud ettepanekud
      ameti, osakonna ja oma töökorralduse
      parandamiseks või töövaldkonna
      arendamiseks.
  3.10 Vahetu juhi antud muude
    ühekordsete ülesannete täitmine.
    - Ülesanded on täidetud nõuetekohaselt ja
      tähtaegselt.

4. õigused: Õigused
  Omab õigust:
  - teha kaugtööd kokkuleppel vahetu juhiga;
  - kasutada kõiki ameti esindusi töö tegemiseks;
  - saada tööülesannete täitmiseks vajalikku infot, sh ligipääs tööks vajalikele infosüsteemidele;
  - saada tööalast juhendamist ja supervisiooni;
  - osaleda ja esindada ametit oma valdkonna piires töörühmades, koolitustel jne.
  - vastu võtta otsuseid oma pädevuse piires.

5. vastutus: Vastutus
  Omab vastutust:
  - tööülesannete tulemusliku täitmise eest vastavalt ametijuhendile, ameti põhimäärusele,
    protsesside töövoogudele ja muudele kehtivatele õigusaktidele, juhenditele ning püsitatud
    eesmärkidele;
  - tööülesannete täitmiseks antud riigi vara heaperemeheliku kasutamise eest;
  - tööülesannete täitmisega seoses teatavaks saanud isikuandmete, juurdepääsupiiranguga
    teabe ning konfidentsiaalse info hoidmise eest;
  - andmebaaside ja infosüsteemide turvalise ning sihipärase kasutamise eest;
  - oma kvalifikatsiooni hoidmise ning täiendamise eest;
  - regulaarses tööalases juhendamises ja supervisioonis osalemise eest;
  - ameti maine hoidmise eest enda poolt vahendatavas teabes ja oma tegevustes.

6. töövahendid: Töövahendid
  Töövahenditeks on töötaja kasutusse antud kontorimööbel, kontoritarbed, sülearvuti ja kuvar
  koos tööks vajaliku tarkvaraga, mobiiltelefon ja kõrvaklapid.

7. nõuded: Ametikohale esitatavad nõuded
  haridus: Kõrgharidus hingehoiu erialal.
  töökogemus: Vähemalt 2-aastane töökogemus hingehoiu valdkonnas, sh nõustamistöö kogemus.
  keeleoskus: Valdab eesti keelt vähemalt tasemel C1 ning soovitavalt vähemalt ühte võõrkeelt (vene või
    inglise keelt) tasemel B1.
  arvutioskus: Kasutab teksti- ja andmetöötluse põhifunktsioone. Kasutab info- ja kommunikatsiooni
    tehnoloogiat info otsimiseks, analüüsimiseks, salvestamiseks ja edastamiseks, ideede
    väljendamiseks ning suhtlemiseks. Valmisolek kasutada tööks vajalikke siseriiklikke
    andmeregistreid (nt STAR, SKAIS-OA, RR).
  kompetentsid: Tööks vajalikud kompetentsid
    Kliendikesksus:
      - Lähtub töös kliendi (nii sise- kui väliskliendi) vajadustest ning õigustest.
      - Püüdleb oma töös kõrge kvaliteedi ning kliendirahulolu tagamise poole.
      - Näitab üles austust avalikkuse ja kolleegide suhtes.
    Asjatundlikkus:
      - Tunneb põhjalikult oma vastutusala, hoiab end kursis valdkonna arengute ja
        parimate praktikatega.
      - Seab kõrged standardid töötamisele, tegutseb professionaalselt ja saavutab
        kokkulepitud eesmärgid.
      - Täiendab ja jagab oma teadmisi ja infot, arendab end erialaselt. Järgib tööks
        vajalikke õigusakte ja juhendmaterjale.
      - Tagab usaldusväärsuse oma pühendunud ja kohusetundliku tööga.
    Koostöövõime:
      - Tajub oma rolli ameti eesmärkide täitmisel ning teeb koostööd kolleegide ja
        partneritega.
      - Tegutseb meeskonna liikmena ning leiab lahendusi koos kolleegidega.
      - Täidab kokkulepped ja lubadused.
      - On avatud, kuulab ja mõtleb kaasa. Annab ja kasutab tagasisidet eesmärkide
        saavutamiseks. Näitab üles algatusvõimet ja teeb ettepanekuid.
    Efektiivsus:
      - Organiseerib oma tööd efektiivselt, seab prioriteete ja täidab ülesanded õigeaegselt.
        On süsteemne ja sihipärane, kasutab efektiivseid tegutsemis-meetodeid, viib asjad
        lõpuni.
      - On muutuvas keskkonnas võimeline kohanema.
      - Võtab vastutuse enda tegevuse eest.
      - Edastab infot selgelt ja otsekoheselt.
      - Kasutab ressursse tulemuslikult ning vastutustundlikult.
  lisakompetentsid: Täiendavad kompetentsid, isikuomadused ja teadmised
    - Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus: Selgitab
      keerukaid teemasid arusaadavalt ja täpselt. Põhjendab veenvalt oma seisukohti.
      Kindlustab osapoolte toetuse ja pühendumuse muutustele, projektidele vms, kasutades
      erinevaid mõjutamismeetodeid ja -kanaleid.
    - Analüüsi- ja üldistusvõime: Valib sobivad meetodid info kogumiseks, analüüsib ja
      hindab info olulisust ja asjakohasust, näeb tervikpilti ja mõistab seoseid, kasutab infot
      otsuste vastuvõtmisel ja soovituste ning prognooside tegemisel.
    - Korrektsus: Täidab ülesandeid täpselt, kvaliteetselt, tähtaegselt ja vastavalt seatud
      nõuetele. Väljendab end selgelt ja vormiliselt korrektselt. Vigade tekkimisel märkab neid
      ning parandab need koheselt. Märkab ka teiste inimeste vigu ja juhib neile tähelepanu.
    - Empaatiavõime: On tähelepanelik teiste vajaduste, murede ja tunnete suhtes, tajub ja
      mõistab neid. Suhtleb taktitundeliselt ka pingelistes ja emotsionaalsetes olukordades.
      Julgustab ja toetab.
    - Juhendamisoskus: Aitab kaastöötajatel leida nende töös uusi võimalusi, meetodeid ja
      teadmist. Võimaldab kaastöötajatel vastutust võtta ja julgustab neid panustama enda
      arengusse. Innustab tegutsema ja saavutama, näitab üles positiivsust ja entusiasmi,
      aitab lahendada probleeme.
    - Loovus: Genereerib ideid ja teeb uusi algatusi, näitab üles initsiatiivi. Arendab uusi ja
      olemasolevaid lahendusi. Innustub uute võimaluste ja lahenduste leidmisest. Otsib
      inspiratsiooni teistest valdkondadest, et luua lisaväärtust.
    - Pingetaluvus (tasakaalukus): Hoiab oma tundeid kontrolli alla ja säilitab tasakaalu ja
      töövõime ka olukordades, kus ollakse vastamisi vaenulikkuse või vastasseisuga või kui
      töötatakse pidevas stressi olukorras või suure töökoormusega. Tuleb konstruktiivselt
      toime ebaõnnestumiste ja kriitikaga. Oskab teiste pingeid maha võtta.
    - Abivalmidus: Märkab abivajajat ja pakub ise abi. On kättesaadav erinevates
      küsimustes. Kuulab ja selgitab probleemi olemust, et leida lahendus. Kui ise ei oska,
      leiab kellegi, kes oskab aidata.
    - Suhete loomise oskus: Arendab teadlikult nii formaalseid kui mitteformaalseid suhteid,
      loob suhteid ja suhete võrgustikke tegevusvaldkonnas oma töö edendamiseks. On
      koostööpartneritega avatud ja sõbralik. Võtab aktiivselt osa üritustest ja algatab ise
      kokkusaamisi.

8. muutmine: Ametijuhendi muutmine
  Ametijuhend vaadatakse üle kord  aastas vahetu juhiga või töökorralduse muutumisel.

allkirjad: Poolte allkirjad
  tööandja: (allkirjastatud digitaalselt)
    Kaire Tamm
    Talitusejuhataja
    Osakonnajuhataja ülesannetes
  töötaja: (allkirjastatud digitaalselt)
    Algur Kaerma
