# Allikas: tests/fixtures/seeds/001_1618ab1ab381611c.txt (allkirjastatud PDF-i tekst)
# Allika tekst on OCR-iga rikutud (täpitähed puuduvad, osa tähti on moonutatud):
# sõnad on jäetud täpselt nii, nagu need allikas on, parandamata.
ametijuhend
  asutus: Sotsiaalkindlustusamet
  kinnitatud: käskkirjaga
  kinnitaja: Sotsiaalkindlustusameti peadirektori
  number: 1
  kuupäev: 07.01.2026
  lisa: 11

1. üldosa: Uldosa
  struktuuriüksus: Ohvriabi osakond, kriisitoe talitus
  ametinimetus: Noustaja
  vahetu juht: Juhtivspetsialist (OA kriisitelefon)
  alluvad: -
  asendab: Noéustaja (llesannete ulatuses, mis ei seisne avaliku voimu
    teostamises), peaspetsialist (kriisitugi) (Ulesannete ulatuses, mis ei
    seisne avaliku vdimu teostamises), juhtivspetsialist (OA
    kriisitelefon) (Ulesannete ulatuses, mis ei seisne avaliku véimu
    teostamises), teenuseomanik (ohvriabi kriisitelefon) (Ulesannete
    ulatuses, mis ei seisne avaliku vbimu teostamises)
  asendaja: Noustaja, juhtivspetsialist (OA kriisitelefon), peaspetsialist
    (kriisitugi), teenuseomanik (ohvriabi kriisitelefon)
  Ametikoha grupp: Tootaja
  eritingimused: Eritingimused maaratakse tédlepingus.

eesmärk: Teenistuskoha eesmark
  Odpaevaringne ndéustamine, et sailitada voi taastada kuriteo,
  vagivalla voi kriisijuhtumi téttu kahjustatud flusiliste isikute
  toimetulekuvdime ja turvatunne.

2. ülesanded: Peamised teenistusiilesanded
  2.1. Ohvriabi vaimse tervise videonbustamise
    teenusele poorduvate isikute
    psuhholoogiline ndustamine, sh
    kuriteoohvri digustega seotud
    kisimustes, vajadusel péo6rduja kriisi-,
    sotsiaal- ja vaimse tervise ndustamine
    ning andmete fikseerimine ja edastamine
    vastavalt t6ojuhisele.
    - NOustamisteenus on kvaliteetne ja
      kompetentne.
    - Noustamisteenust on osutatud vastavalt
      toojuhisele.
    - Osutatud teenusega seonduv on fikseeritud,
      dokumentatsioon on nouetekohaselt
      vormistatud ja informatsioon edastatud.
  2.2. Riigi ja kohaliku omavalitsuse Uksuse
    ametiasutuste ja nende ametiisikute ning
    avalik-6iguslike ja eradiguslike juriidiliste
    isikute telefoni-, interneti- ja
    videondustamine ohvrite abistamiseks.
    - Ndustamisteenus  on kvaliteetne ja
      kompetentne.
    - Noustamisteenust on osutatud vastavalt
      graafikule ja toojuhisele.
    - Osutatud teenusega seonduv on fikseeritud,
      dokumentatsioon on nouetekohaselt
      vormistatud ja informatsioon edastatud.
  2.3. Vahetu juhiga kokku lepitud ohvriabi
    valdkonnaga seotud informatsiooni
    koondamine, uuendamine ja
    analltsimine, sh ohvritele ja nende
    lahedastele suunatud teenuste ja
    vajalike kontaktide kaardistamine ja
    koondamine. Koosté6suhete loomine ja
    oluliste partnerite protsessi kaasamine.
    - Informatsioon on koondatud, uuendatud ja
      anallusitud ning see on piisav, arusaadav ja
      partneritele ning abisaajatele kattesaadav.
    - Koostddsuhted on loodud ja eesmargi
      saavutamiseks vajalikud partnerid on
      protsessi kaasatud.
  2.4. Vaimse tervise videondustamise
    vabatahtlike ja koosseisuliste ndustajate
    t6o koordineerimine, veebindustamise e-
    kirjadele vastamine, kliendibroneeringute
    edastamine ndustajatele ja
    ndustamisstatistika kogumine.
    - Veebinbdustamse e-kijad on vastatud,
      kliendibroneeringud edastatud ja
      noustamisstatistika sisestatud.
    - Vabatahtlikele videondustajale on nende t66
      jaoks vajalik info edastatud.
  2.5. Ennetus- ja teavitustegevustes
    osalemine.
    - Ennetustegevused, koolitused ja muud
      teavitustegevused on eesmargiparaselt ja
      sihtgrupi vajadustest Iahtuvalt 1abiviidud.
    - Koolitustel ja koosolekutel on osaletud
      nduetekohaselt.
  2.6. Ettepanekute tegemine teenuse
    arendamise osas ja teenuse
    arendamisega seotud tegevused.
    - Seisukohad on edastatud ja esitatud
      ettepanekud on asjakohased ning teenuste
      arendustegevustes on osaletud.
  2.7. Koostd0 ohvriabi osakonna teiste
    teenistujatega, ameti teiste
    osakondadega, asutuste ja
    organisatsioonidega oma
    padevusvaldkonnas.
    - Valja on kujunenud koostddpartnerite
      vorgustik.
    - Toimub infovahetus ja koostdd partneritega.
  2.8. Enesehoiupraktikate rakendamine
    eesmargiga sailitada korge t66joudlus ja
    -motivatsioon.
    - Regulaarne osalemine ameti pakutud
      supervisioonides ja/voi kovisioonides.
      Jarjepidev enesehoiuga tegelemine ja
      vajadusel sisuliste ettepanekute tegemine
      t66onne arendamiseks organisatsioonis ja
      meeskonnas.
    - To6jdudlus ja  -motivatsioon sailivad,
      enesehoid on tagatud.
  2.9. Kriiside ja kriisidppuste ning suurenenud
    PSK vajaduse korral llesannete
    lahendamine vastavalt korraldustele ning
    oskuste ja padevuste piires kriisi
    reguleerimisse kaasumine, sh
    psuhhosotsiaalse abi pakkumine kriisis
    kannatanutele.
    - Kriiside korral ja ettevalmistuse raames on
      oskuste ja padevuste piires ulesanded
      taidetud.
  2.10. Kirjade ja dokumentide kavandite
    koostamine isikutele, ministeeriumidele,
    teistele ametitele, ettevdtetele ja
    institutsioonidele.
    - Kavandid on koostatud korrektselt ja
      tahtaegselt vastavalt kehtestatud nduetele.
  2.11. Muude padevusvaldkonda kuuluvate
    tegevuste korraldamine ja uuenduste
    algatamine.
    - Muud tééga seotud tegevused (sh
      koolitused) ja projektid on edukalt l1abi viidud.
    - Tehtud on pdéhjendatud ettepanekud
      todkorralduse parandamiseks voi muud
      ettepanekud todvaldkonna arendamiseks,
      mis l[&htuvad Sotsiaalkindlustusameti
      (edaspidi amet) eesmarkidest ja
      ressurssidest.
  2.12. Vahetu juhi antud muude Uhekordsete
    Ulesannete taitmine.
    - Ulesanded on taidetud nduetekohaselt ja
      tahtaegselt.

3. nõuded: Teenistuskoha tiitjale esitatavad néuded
  haridus: Kdrgharidus, soovitavalt  sotsiaaltoo, psuhholoogia vm
    psuhhosotsiaalset tuge pakkuvate elukutsete valdkonnas.
  töökogemus: Vahemalt 2-aastane kogemus ndustamistdos (sh kaugndustamise
    kogemus) traumeeritud inimeste ja nende l|ahedastega, sh
    kokkupuude vaimse tervise ja psUhhosotsiaalse kriisiabi
    teemadega (kasuks tuleb sotsiaal- ja diguskaitsevaldkonna hea
    tundmine).
  keeleoskus: Eesti keele oskus vdhemalt tasemel C1.
    Vene ja inglise keele oskus tasemel B2.
  teadmised: Noustamisalane valjadpe; kuulamis- ja suhtlemisoskus; koostoo- ja
    meeskonnatéd oskus; vaimset ja flUsilist tervist toetav
    enesehoiuoskus. Teadmised trauma-, kriisi-,
    katastroofipsuhholoogia valdkonnas, kriisikommunikatsiooni
    oskused. Microsoft Office kasutamine igapaevakasutaja tasemel.
  isikuomadused: Hoolivus, asjatundlikkus, koostéévdime, uuendusmeelsus

4. õigused: Oigused ja vastutus
  Oigused
  - teha kaugtddd kokkuleppel vahetu juhiga;
  - kasutada kdiki ameti esindusi t66 tegemiseks;
  - saada tooulesannete taitmiseks vajalikku infot, sh ligipadse t60ks vajalikele
    infostisteemidele;
  - saada tédalast juhendamist ja pdhjendatud juhul supervisiooni;
  - osaleda ja esindada ametit oma valdkonna piires td6rihmades, koolitustel jne;
  - vastu votta otsuseid oma padevuse piires.

vastutus: Vastutus
  - tédulesannete tulemusliku taitmise eest vastavalt ametijuhendile, ameti péhimaarusele,
    ariprotsesside tdéévoogudele ja muudele kehtivatele oigusaktidele, juhenditele ning
    pustitatud eesmarkidele;
  - toodulesannete taitmiseks antud riigi vara heaperemeheliku kasutamise eest;
  - teenistustlesannete taitmisega seoses teatavaks saanud isikuandmete, riigisaladuse ning
    muu juurdepaasupiiranguga teabe ja konfidentsiaalse info hoidmise eest;
  - andmebaaside ja infoststeemide turvalise ja sihiparase kasutamise eest;
  - oma kvalifikatsiooni hoidmise ning tdiendamise eest;
  - ameti maine hoidmise eest enda poolt vahendatavas teabes ja oma tegevustes.

muutmine
  Ametijuhend vaadatakse Ule kord aastas vahetu juhiga voi tédkorralduse muutumisel.
