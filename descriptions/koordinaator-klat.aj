# Allikas: tests/fixtures/seeds/002_fedac296925412a5.txt (allkirjastatud PDF-i tekst)
ametijuhend
  asutus: Sotsiaalkindlustusamet
  kinnitatud: käskkirjaga
  kinnitaja: Sotsiaalkindlustusameti peadirektori
  number: 23
  kuupäev: 12.02.2024

1. üldosa: Üldosa
  ametinimetus: Koordinaator
  struktuuriüksus: Ohvriabi ja ennetusteenuste osakond,
    ennetustalitus (KLAT ja abivajava lapse SRT tiim)
  vahetu juht: Tiimijuht
  asendaja: Koordinaator, tiimijuht
  asendab: Koordinaatorit, tiimijuhti

2. eesmärk: Ametikoha eesmärk
  Kinnise lasteasutuse teenuse sujuva ja vajadustest lähtuva korralduse tagamine ja selleks
  vajalike tegevuste elluviimine, sh juhiste ja materjalide ettevalmistamine, oma
  pädevusvaldkonna piires ohvriabi ja ennetusteenuste osakonna teenistujate, koostööpartnerite
  nõustamine ja koolitamine ning toetamine ning teenuse elluviimise igakülgne toetamine ja
  parendamine.

3. ülesanded: Teenistusülesanded
  3.1 KLAT-i suunamise ja hindamise
    süsteemi korraldamine ning jätkutoe
    rakendamise toetamine.
    - Teenusele suunamine, hindamine ja
      jätkutugi on vajaduspõhiselt ning ettenähtud
      ajaraamis korraldatud.
  3.2 Sotsiaalse rehabilitatsiooni teenuse
    vajaduse väljaselgitamine ja otsuse
    vormistamine.
    - Lapse rehabilitatsiooni teenuse vajadus on
      väljaselgitatud seadusega sätestatud
      korras.
    - Otsused on vormistatud õigeaegselt.
    - Teenuse taotleja saab aru ja on teadlik
      otsuses kajastuvast infost.
  3.3 Sotsiaalse rehabilitatsiooni valdkonna
    dokumentide menetlemine.
    - Valdkonnapõhised dokumendid on
      menetletud õigeaegselt ja seadusega
      ettenähtud korras.
  3.4 Vastutusel oleva süsteemi arendamine,
    teenuse kättesaadavuse korraldamise
    koordineerimine.
    - Teenus on piisava kättesaadavusega
      korraldatud ning käivitub vajaduspõhiselt.
  3.5 Juhendite ja muude materjalide
    ettevalmistamises osalemine oma
    tegevusvaldkonna piires.
    - Juhendid on koostatud.
  3.6 Teenuse dokumentatsiooni kogumine,
    analüüsimine ja aruannete koostamine.
    - Aruandlus on kogutud, analüüsitud ja
      esitatud.
  3.7 Osalemine teenuse mõjude hindamisel
    ja kasutajakogemuse analüüsimisel.
    - Andmed on kogutud, analüüsitud ja
      esitatud.
  3.8 Teenust puudutava informatsiooni
    haldamine ja levitamine ning teenusega
    seotud ennetustegevuste, koolituste ja
    muude teavitusürituste ettevalmistamine ja
    korraldamine, sh vastavalt vajadusele oma
    pädevusala raames partnerite koolitamine,
    nõustamine ja toetamine.
    - Teenuse partnerid on teadlikud teenuse
      võimalustest ja oma rollist seoses
      teenusega.
    - Informatsioon on piisav ja partneritele
      kättesaadav.
    - Teenusega seotud ennetustegevused,
      koolitused ja muud teavitusüritused on
      ettevalmistatud ja korraldatud.
    - Partnerid on toetatud, nõustatud ja
      koolitatud.
  3.9 Ettepanekute tegemine töökorralduse
    või teenuse läbiviimise parandamiseks
    - Ettepanekud on asjakohased ja
      rakendatavad.
  3.10 Teenusega seotud arvelduste,
    aruandluse, tagasiside ja statistika
    haldamine.
    - Teenuse arveldus ja aruandlus on tagatud.
    - Teenuse kohta on koostatud ja avaldatud
      regulaarset statistikat.
    - Teenuse kasutajakogemuse ning tagasiside
      kogumiseks on loodud süsteem, kogutud
      andmed on analüüsitud ning järeldused
      teenuse kujundamisel arvesse võetud.
  3.11 Vajadusel teenusega seotud juhendite
    ja teabematerjalide ettevalmistamine ja
    kaasajastamine ning kodulehel oleva info
    kaasajastamine.
    - Juhendid on koostatud asjatundlikult.
      Kodulehel avalikustatud teave on õige ja
      ajakohane.
  3.12 Koostöö teiste osakondadega ja/või
    asutuste ja organisatsioonidega oma
    pädevusvaldkonnas.
    - Välja on kujunenud koostööpartnerite
      võrgustik.
    - Toimub infovahetus ja koostöö partneritega.
  3.13 Muude pädevusvaldkonda kuuluvate
    tegevuste korraldamine ja uuenduste
    algatamine.
    - Muud tööga seotud tegevused ja projektid
      on omal initsiatiivil ja/või juhtkonna
      korraldusel edukalt läbi viidud.
    - Tehtud on põhjendatud ettepanekud
      töökorralduse parandamiseks või muud
      arendusettepanekud, mis lähtuvad ameti
      võimalustest ja eesmärkidest.
  3.12 Vahetu juhi antud muude ühekordsete
    ülesannete täitmine.
    - Ülesanded on täidetud nõuetekohaselt ja
      tähtaegselt.

4. õigused: Õigused
  - teha kaugtööd kokkuleppel vahetu juhiga;
  - kasutada kõiki ameti esindusi töö tegemiseks;
  - saada tööülesannete täitmiseks vajalikku infot, sh ligipääs tööks vajalikele
    infosüsteemidele;
  - saada tööalast juhendamist ja põhjendatud juhul supervisiooni;
  - osaleda ja esindada ametit oma valdkonna piires töörühmades, koolitustel jne.
  - vastu võtta otsuseid oma pädevuse piires.

5. vastutus: Vastutus
  - tööülesannete tulemusliku täitmise eest vastavalt ametijuhendile, ameti
    põhimäärusele, äriprotsesside töövoogudele ja muudele kehtivatele õigusaktidele,
    juhenditele ning püstitatud eesmärkidele;
  - tööülesannete täitmiseks antud riigi vara heaperemeheliku kasutamise eest;
  - tööülesannete täitmisega seoses teatavaks saanud isikuandmete ning
    juurdepääsupiiranguga teabe ja konfidentsiaalse info hoidmise eest;
  - andmebaaside ja infosüsteemide turvalise ja sihipärase kasutamise eest;
  - oma kvalifikatsiooni hoidmise ning täiendamise eest;
  - ameti maine hoidmise eest enda poolt vahendatavas teabes ja oma tegevustes.

6. nõuded: Ametikohale esitatavad nõuded
  haridus: Kõrgharidus
  töökogemus: Vähemalt kaheaastane töökogemus sotsiaalvaldkonnas, ametiasutuse või ametikoha
    töövaldkonnas.
  keeleoskus: Eesti keele oskus vähemalt tasemel C1. Inglise keele oskus vähemalt tasemel B1.
  arvutioskus: Vilunud MS Office tootepere kasutaja. Omandab kiiresti uute programmide spetsiifika ning otsib
    uusi infotehnoloogilisi lahendusi oma töö lihtsustamiseks.
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
      - Täiendab ja jagab oma teadmisi ja infot, arendab end erialaselt. Järgib tööks
        vajalikke õigusakte ja juhendmaterjale.
      - Tagab usaldusväärsuse oma pühendunud ja kohusetundliku tööga.
    Koostöövõime:
      - Tajub oma rolli ameti eesmärkide täitmisel ning teeb koostööd kolleegide ja partneritega.
      - Tegutseb meeskonna liikmena ning leiab lahendusi koos kolleegidega.
      - Täidab kokkulepped ja lubadused.
      - On avatud, kuulab ja mõtleb kaasa. Annab ja kasutab tagasisidet eesmärkide
        saavutamiseks. Näitab üles algatusvõimet ja teeb ettepanekuid.
    Efektiivsus:
      - Organiseerib oma tööd efektiivselt, seab prioriteete ja täidab ülesanded õigeaegselt.
        On süsteemne ja sihipärane, kasutab efektiivseid tegutsemis-meetodeid, viib asjad lõpuni.
      - On muutuvas keskkonnas võimeline kohanema.
      - Võtab vastutuse enda tegevuse eest.
      - Edastab infot selgelt ja otsekoheselt.
      - Kasutab ressursse tulemuslikult ning vastutustundlikult.
  lisakompetentsid: Täiendavad kompetentsid, isikuomadused ja teadmised
    - Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus: Selgitab
      keerukaid teemasid arusaadavalt ja täpselt. Põhjendab veenvalt oma seisukohti.
    - Analüüsi- ja üldistusvõime: Valib sobivad meetodid info kogumiseks, analüüsib ja hindab
      info olulisust ja asjakohasust, näeb tervikpilti ja mõistab seoseid, kasutab infot otsuste
      vastuvõtmisel ja soovituste ning prognooside tegemisel.
    - Korrektsus: Täidab ülesandeid täpselt, kvaliteetselt, tähtaegselt ja vastavalt seatud
      nõuetele. Väljendab end selgelt ja vormiliselt korrektselt. Vigade tekkimisel märkab neid
      ning parandab need koheselt. Märkab ka teiste inimeste vigu ja juhib neile tähelepanu.
    - Empaatiavõime: Suhtleb taktitundeliselt ka pingelistes ja emotsionaalsetes olukordades.
      Julgustab ja toetab.
    - Juhendamisoskus: Aitab kaastöötajatel leida nende töös uusi võimalusi, meetodeid ja
      teadmist. Võimaldab kaastöötajatel vastutust võtta ja julgustab neid panustama enda
      arengusse. Innustab tegutsema ja saavutama, näitab üles positiivsust ja entusiasmi, aitab
      lahendada probleeme.
    - Loovus: Genereerib ideid ja teeb uusi algatusi, näitab üles initsiatiivi. Arendab uusi ja
      olemasolevaid lahendusi. Innustub uute võimaluste ja lahenduste leidmisest. Otsib
      inspiratsiooni teistest valdkondadest, et luua lisaväärtust.
    - Pingetaluvus (tasakaalukus): Tuleb konstruktiivselt toime ebaõnnestumiste ja kriitikaga.
      Oskab teiste pingeid maha võtta.
    - Abivalmidus: Kuulab ja selgitab probleemi olemust, et leida lahendus. Kui ise ei oska, leiab
      kellegi, kes oskab aidata.
    - Suhete loomise oskus: On koostööpartneritega avatud ja sõbralik. Võtab aktiivselt osa
      üritustest ja algatab ise kokkusaamisi.

7. muutmine: Ametijuhendi muutmine
  Ametijuhend vaadatakse üle kord aastas vahetu juhiga või töökorralduse muutumisel.

allkirjad
  allkirjastaja: (allkirjastatud digitaalselt)
    Maret Maripuu
    peadirektor
