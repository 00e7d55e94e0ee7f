# Allikas: tests/fixtures/seeds/003_0473cc471da9172f.txt (allkirjastatud PDF-i tekst)
ametijuhend
  kinnitatud: töölepingu lisana

1. üldosa: Üldosa
  ametinimetus: Teenuse juht (TTTVT)
  struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,
    arendustalitus (tugitiim)
  vahetu juht: Tiimijuht
  asendaja: Tiimijuht või peaspetsialist
  asendab: Tiimijuht

2. eesmärk: Töökoha eesmärk
  Traumast taastumist toetava vaimse tervise abi teenuse (sh psühholoogilise abi teenus) töö
  korraldamine ja arendamine, teenuse kasutajasõbraliku ning koostööle suunatud disaini eest
  vastutamine ning sellega seotud analüüside läbiviimine, koostöösuhete arendamine, protsesside
  kirjeldamine, kommunikatsioon ning ressursside juhtimine.

3. ülesanded: Tööülesanded
  3.1. Teenuse arendamise ettevalmistamine ning
    arendustegevuste elluviimine.
    - Arendatavad teenused on käivitunud ning
      arendustegevused tulemuslikult ellu
      viidud.
  3.2. Analüüside läbiviimine arendusvajaduste
    tuvastamiseks.
    - Analüüsid on läbi viidud, tulemused
      esitatud.
  3.3. Koolitus- ja teavitustegevuste korraldamine.
    - Teavitustegevused ja koolitusseminarid
      on korraldatud, osalejate rahulolu on
      kõrge.
  3.4. Teenustega seotud arvelduste, aruandluse
    ja statistika haldamine ning nendeks vajalike
    protsesside loomine ja haldamine.
    - Teenuse arveldus ja aruandlus on
      tagatud.
  3.5. Traumast taastumist toetava vaimse tervise
    abi (TTTVT) lepingute sisuline ettevalmistus (sh
    spetsialistide kvalifikatsiooninõuetele vastavuse
    kontrollimine) ning teenuse osutajate
    juhendamine ja nõustamine lepingu tingimuste
    täitmiseks. Teenuse lepingute muudatus-
    vajadusete koondamine ja tüüplepingu
    terviklikkuse eest vastutamine koos õiguse ja
    järelevalve osakonnaga.
    - Lepingud on sõlmitud seadusele
      vastavalt, vastavad teenuse vajadustele,
      teenuse osutajad on informeeritud ja
      juhendatud lepingu nõuetest.
  3.6. Koostööpartnerite nõustamine ja läbi-
    rääkimiste pidamine teenuste korraldamisega ja
    lepingutega seotud küsimustes.
    - Koostööpartnerid on teadlikud teenustest
      ja nende osutamise põhimõtetest.
  3.7. Juhendite ja teabematerjalide ette-
    valmistamine ja kaasajastamine ning kodulehel
    oleva info kaasajastamine.
    - Juhendid on koostatud asjatundlikult.
      Kodulehel avalikustatud teave on õige ja
      ajakohane.
  3.8. Õigusaktide eelnõude ettevalmistamises
    osalemine ja õigusaktidele muudatus-
    ettepanekute esitamine.
    - Ettepanekud on esitatud õigeaegselt ja
      läbi mõeldud.
  3.9. Kirjade ja dokumentide kavandite
    koostamine isikutele, ministeeriumidele, teistele
    ametitele, ettevõtetele ja institutsioonidele.
    - Kavandid on koostatud korrektselt ja
      õieaegselt vastavalt kehtestatud
      nõuetele.
  3.10. Koostöö teiste osakondade, asutuste ja
    organisatsioonidega oma pädevusvaldkonnas.
    - Välja on kujunenud koostööpartnerite
      võrgustik.
    - Toimub infovahetus ja koostöö
      partneritega.
  3.11. Muude pädevusvaldkonda kuuluvate
    tegevuste korraldamine.
    - Muud tööga seotud tegevused ja
      projektid on omal initsiatiivil ja/või juhi
      korraldusel edukalt läbi viidud.
    - Tehtud on asjakohased ettepanekud oma
      valdkonna töökorralduse parandamiseks.
    - Tehtud on põhjendatud arendus-
      ettepanekuid, mis lähtuvad Sotsiaal-
      kindlustusameti (edaspidi amet)
      eesmärkidest ja võimalustest.
  3.12. Vahetu juhi ühekordsete ülesannete
    teostamine.
    - Ülesanded on teostatud tähtaegselt ja
      korrektselt.

4. õigused: Õigused
  - saada tööülesannete täitmiseks vajalikku infot ja abi teistelt ameti struktuuriüksustelt;
  - osaleda ametikohale vajalikel koolitustel jt arendustegevustes;
  - taotleda vajalikke töövahendeid ja -tingimusi;
  - esindada ametit oma valdkonna piires töörühmades, koolitustel jne;
  - saada ligipääs tööks vajalikele infosüsteemidele.

5. vastutus: Vastutus
  - tööülesannete tulemusliku täitmise eest vastavalt ametijuhendile, ameti põhimäärusele,
    äriprotsesside töövoogudele ja muudele kehtivatele õigusaktidele, juhenditele ning püstitatud
    eesmärkidele;
  - tööülesannete täitmiseks antud riigi vara heaperemeheliku kasutamise eest;
  - tööülesannete täitmisega seoses teatavaks saanud isikuandmete, juurdepääsupiiranguga
    teabe ning konfidentsiaalse info hoidmise eest;
  - andmebaaside ja infosüsteemide turvalise ning sihipärase kasutamise eest;
  - oma kvalifikatsiooni hoidmise ning täiendamise eest.

6. nõuded: Töökohale esitatavad nõuded
  haridus: Kõrgharidus (eelistatult psühholoogia valdkonnas).
  töökogemus: Vähemalt 3-aastane töökogemus ametiasutuse või töökoha töövaldkonnas.
  keeleoskus: Eesti keele oskus vähemalt tasemel C1.
    Vähemalt ühe võõrkeele (soovitavalt inglise või vene keel) oskus vähemalt tasemel B1.
  arvutioskus: Kasutab teksti- ja andmetöötluse põhifunktsioone. Kasutab info- ja kommunikatsiooni-
    tehnoloogiat info otsimiseks, analüüsimiseks, salvestamiseks ja edastamiseks, ideede
    väljendamiseks ning suhtlemiseks.
  kompetentsid: Tööks vajalikud kompetentsid
    Kliendikesksus:
      - Lähtub töös kliendi  (nii sise- kui väliskliendi) vajadustest ning õigustest.
      - Püüdleb oma töös kõrge kvaliteedi ning kliendirahulolu tagamise poole.
      - Näitab üles austust avalikkuse ja kolleegide suhtes.
    Asjatundlikkus:
      - Tunneb põhjalikult oma vastutusala, hoiab end kursis valdkonna arengute ja parimate
        praktikatega.
      - Seab kõrged standardid töötamisele, tegutseb professionaalselt ja saavutab  kokkulepitud
        eesmärgid.
      - Täiendab ja jagab oma teadmisi ja infot, arendab end erialaselt. Järgib tööks vajalikke
        õigusakte ja juhendmaterjale.
      - Tagab usaldusväärsuse oma pühendunud ja kohusetundliku tööga.
    Koostöövõime:
      - Tajub oma rolli ameti eesmärkide täitmisel ning teeb koostööd kolleegide ja partneritega.
      - Tegutseb meeskonna liikmena ning leiab lahendusi koos kolleegidega.
      - Täidab kokkulepped ja lubadused.
      - On avatud, kuulab ja mõtleb kaasa. Annab ja kasutab tagasisidet eesmärkide
        saavutamiseks. Näitab üles algatusvõimet ja teeb ettepanekuid.
    Efektiivsus:
      - Organiseerib oma tööd efektiivselt, seab prioriteete ja täidab ülesanded õigeaegselt. On
        süsteemne ja sihipärane, kasutab efektiivseid tegutsemis-meetodeid, viib asjad lõpuni.
      - On muutuvas keskkonnas võimeline kohanema.
      - Võtab vastutuse enda tegevuse eest.
      - Edastab infot selgelt ja otsekoheselt.
      - Kasutab ressursse tulemuslikult ning vastutustundlikult.
  lisakompetentsid: Täiendavad kompetentsid, isikuomadused ja teadmised
    - Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus: Selgitab
      keerukaid teemasid arusaadavalt ja täpselt. Põhjendab veenvalt oma seisukohti. Kindlustab
      osapoolte toetuse ja pühendumuse muutustele, projektidele vms, kasutades erinevaid
      mõjutamismeetodeid ja -kanaleid.
    - Analüüsi- ja üldistusvõime: Valib sobivad meetodid info kogumiseks, analüüsib ja hindab
      info olulisust ja asjakohasust, näeb tervikpilti ja mõistab seoseid, kasutab infot otsuste
      vastuvõtmisel ja soovituste ning prognooside tegemisel.
    - Korrektsus: Täidab ülesandeid täpselt, kvaliteetselt, tähtaegselt ja vastavalt seatud
      nõuetele. Väljendab end selgelt ja vormiliselt korrektselt. Vigade tekkimisel märkab neid
      ning parandab need koheselt. Märkab ka teiste inimeste vigu ja juhib neile tähelepanu.
    - Empaatiavõime: On tähelepanelik teiste vajaduste, murede ja tunnete suhtes, tajub ja
      mõistab neid. Suhtleb taktitundeliselt ka pingelistes ja emotsionaalsetes olukordades.
      Julgustab ja toetab.
    - Juhendamisoskus: Aitab kaastöötajatel leida nende töös uusi võimalusi, meetodeid ja
      teadmist. Võimaldab kaastöötajatel vastutust võtta ja julgustab neid panustama enda
      arengusse. Innustab tegutsema ja saavutama, näitab üles positiivsust ja entusiasmi, aitab
      lahendada probleeme.
    - Loovus: Genereerib ideid ja teeb uusi algatusi, näitab üles initsiatiivi. Arendab uusi ja
      olemasolevaid lahendusi. Innustub uute võimaluste ja lahenduste leidmisest. Otsib
      inspiratsiooni teistest valdkondadest, et luua lisaväärtust.
    - Pingetaluvus (tasakaalukus): Hoiab oma tundeid kontrolli alla ja säilitab tasakaalu ja
      töövõime ka olukordades, kus ollakse vastamisi vaenulikkuse või vastasseisuga või kui
      töötatakse pidevas stressi olukorras või suure töökoormusega. Tuleb konstruktiivselt toime
      ebaõnnestumiste ja kriitikaga. Oskab teiste pingeid maha võtta.
    - Abivalmidus: Märkab abivajajat ja pakub ise abi. On kättesaadav erinevates küsimustes.
      Kuulab ja selgitab probleemi olemust, et leida lahendus. Kui ise ei oska, leiab kellegi, kes
      oskab aidata.
    - Suhete loomise oskus: Arendab teadlikult nii formaalseid kui mitteformaalseid suhteid,
      loob suhteid ja suhete võrgustikke tegevusvaldkonnas oma töö edendamiseks. On
      koostööpartneritega avatud ja sõbralik. Võtab aktiivselt osa üritustest ja algatab ise
      kokkusaamisi.
    - Teadmised finantsjuhtimise alustest.
    - Teadmised projektijuhtimise põhimõtetest.

7. muutmine: Ametijuhendi muutmine
  Ametijuhend vaadatakse üle kordaastas vahetu juhiga või töökorralduse muutumisel.

allkirjad: Poolte allkirjad
  tööandja: (allkirjastatud digitaalselt)
    Maret Maripuu
  töötaja: (allkirjastatud digitaalselt)
    Tuuli Truupõld
