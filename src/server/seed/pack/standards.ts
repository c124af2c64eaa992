// The demo pack's quality standards, which mystery shoppers audit: a franchise-wide welcome,
// accessibility per kind of place, information on show, a working kiosk, the level-1 promise
// told in its own words, and a few standards for particular services. Six languages each.
import type { z } from 'zod';
import type { LocalText } from '../../../shared/pack/local-text.ts';
import type { standard } from '../../../shared/pack/schema.ts';

const t = (
  en: string,
  cy: string,
  pl: string,
  ar: string,
  hans: string,
  hant: string,
): LocalText => ({ en, cy, pl, ar, 'zh-Hans': hans, 'zh-Hant': hant });

/** Every kind of place where a person serves the citizen (a kiosk has nobody to greet). */
const STAFFED = [
  'library',
  'clinic',
  'post-office',
  'council-office',
  'charity-shop',
  'mobile-library',
] as const;

export const STANDARDS: z.input<typeof standard>[] = [
  {
    id: 'welcome',
    title: t(
      'A warm welcome',
      'Croeso cynnes',
      'Serdeczne powitanie',
      'ترحيب حار',
      '热情接待',
      '熱情接待',
    ),
    appliesTo: { accessPointKinds: [...STAFFED] },
    checks: [
      {
        id: 'greeted',
        weight: 2,
        prompt: t(
          'The citizen was greeted within 5 minutes of arriving.',
          'Cafodd y dinesydd ei gyfarch o fewn 5 munud i gyrraedd.',
          'Obywatel został powitany w ciągu 5 minut od przybycia.',
          'تم الترحيب بالمواطن خلال 5 دقائق من وصوله.',
          '市民到达后 5 分钟内得到了接待。',
          '市民到達後 5 分鐘內得到了接待。',
        ),
      },
      {
        id: 'name-badge',
        prompt: t(
          'Staff wore a name badge that could be read easily.',
          'Roedd y staff yn gwisgo bathodyn enw y gellid ei ddarllen yn hawdd.',
          'Personel nosił czytelny identyfikator z imieniem.',
          'كان الموظفون يرتدون شارة اسم يسهل قراءتها.',
          '工作人员佩戴了易于辨认的姓名牌。',
          '工作人員佩戴了易於辨認的姓名牌。',
        ),
      },
      {
        id: 'interpreter',
        prompt: t(
          'A citizen who needed another language was offered an interpreter or the telephone interpreting line.',
          'Cynigiwyd cyfieithydd neu’r llinell gyfieithu dros y ffôn i ddinesydd oedd angen iaith arall.',
          'Obywatelowi potrzebującemu innego języka zaproponowano tłumacza lub tłumaczenie telefoniczne.',
          'عُرض على المواطن الذي يحتاج إلى لغة أخرى مترجم أو خط الترجمة الهاتفية.',
          '为需要其他语言的市民提供了口译员或电话口译服务。',
          '為需要其他語言的市民提供了口譯員或電話口譯服務。',
        ),
      },
      {
        id: 'anything-else',
        prompt: t(
          'Staff asked whether there was anything else they could help with.',
          'Gofynnodd y staff a oedd unrhyw beth arall y gallent helpu ag ef.',
          'Personel zapytał, czy może pomóc w czymś jeszcze.',
          'سأل الموظفون إن كان هناك أي شيء آخر يمكنهم المساعدة فيه.',
          '工作人员询问了是否还有其他可以帮忙的事情。',
          '工作人員詢問了是否還有其他可以幫忙的事情。',
        ),
      },
    ],
  },
  {
    id: 'accessible-building',
    title: t(
      'An accessible building',
      'Adeilad hygyrch',
      'Dostępny budynek',
      'مبنى يسهل الوصول إليه',
      '无障碍的场所',
      '無障礙的場所',
    ),
    appliesTo: {
      accessPointKinds: ['library', 'clinic', 'post-office', 'council-office', 'charity-shop'],
    },
    checks: [
      {
        id: 'hearing-loop',
        prompt: t(
          'The hearing loop worked and its sign was on show.',
          'Roedd y ddolen sain yn gweithio ac roedd ei harwydd i’w weld.',
          'Pętla indukcyjna działała, a jej oznaczenie było widoczne.',
          'كانت الحلقة السمعية تعمل وكانت لافتتها ظاهرة.',
          '助听感应环路正常工作，并有明显标识。',
          '助聽感應環路正常運作，並有明顯標示。',
        ),
      },
      {
        id: 'step-free',
        weight: 2,
        prompt: t(
          'The step-free route in was clear of obstacles and signed.',
          'Roedd y llwybr heb risiau i mewn yn glir o rwystrau ac wedi’i arwyddo.',
          'Wejście bez schodów było wolne od przeszkód i oznakowane.',
          'كان المدخل الخالي من الدرج خاليًا من العوائق ومُعلَّمًا.',
          '无台阶入口通道畅通并有标识。',
          '無台階入口通道暢通並有標示。',
        ),
      },
      {
        id: 'private-space',
        prompt: t(
          'A private space was offered for a sensitive conversation.',
          'Cynigiwyd lle preifat ar gyfer sgwrs sensitif.',
          'Zaproponowano osobne miejsce na rozmowę o sprawach osobistych.',
          'عُرض مكان خاص لإجراء محادثة حساسة.',
          '为敏感的谈话提供了私密空间。',
          '為敏感的談話提供了私密空間。',
        ),
      },
    ],
  },
  {
    id: 'accessible-van',
    title: t(
      'An accessible van',
      'Fan hygyrch',
      'Dostępny pojazd',
      'حافلة يسهل الوصول إليها',
      '无障碍的流动车',
      '無障礙的流動車',
    ),
    appliesTo: { accessPointKinds: ['mobile-library'] },
    checks: [
      {
        id: 'ramp',
        weight: 2,
        prompt: t(
          'The ramp or lift worked and was offered to anyone who needed it.',
          'Roedd y ramp neu’r lifft yn gweithio ac fe’i cynigiwyd i unrhyw un oedd ei angen.',
          'Rampa lub winda działała i była proponowana każdemu, kto jej potrzebował.',
          'كان المنحدر أو المصعد يعمل وعُرض على كل من يحتاجه.',
          '坡道或升降机正常工作，并主动提供给有需要的人。',
          '坡道或升降機正常運作，並主動提供給有需要的人。',
        ),
      },
      {
        id: 'large-print',
        prompt: t(
          'Large-print and audio material was on board.',
          'Roedd deunydd print bras a sain ar fwrdd y fan.',
          'W pojeździe były materiały w dużym druku i audio.',
          'كانت المواد المطبوعة بخط كبير والمواد الصوتية متوفرة على متن الحافلة.',
          '车上备有大字版和有声资料。',
          '車上備有大字版和有聲資料。',
        ),
      },
    ],
  },
  {
    id: 'information',
    title: t(
      'Information that is right',
      'Gwybodaeth gywir',
      'Aktualne informacje',
      'معلومات صحيحة',
      '信息准确',
      '資訊準確',
    ),
    checks: [
      {
        id: 'leaflets-current',
        prompt: t(
          'Leaflets on display were current: none out of date.',
          'Roedd y taflenni oedd yn cael eu harddangos yn gyfredol: dim un wedi dyddio.',
          'Ulotki na wystawie były aktualne: żadna nie była przeterminowana.',
          'كانت المنشورات المعروضة حديثة: لا شيء منها منتهي الصلاحية.',
          '陈列的宣传单均为最新版本，没有过期的。',
          '陳列的宣傳單均為最新版本，沒有過期的。',
        ),
      },
      {
        id: 'opening-hours',
        prompt: t(
          'Opening hours (or the van’s stops) were on show and correct.',
          'Roedd yr oriau agor (neu arosfannau’r fan) i’w gweld ac yn gywir.',
          'Godziny otwarcia (lub przystanki pojazdu) były widoczne i poprawne.',
          'كانت ساعات العمل (أو محطات الحافلة) معروضة وصحيحة.',
          '开放时间（或流动车的停靠点）已公示且准确。',
          '開放時間（或流動車的停靠點）已公示且準確。',
        ),
      },
      {
        id: 'feedback-shown',
        prompt: t(
          'How to give feedback or make a complaint was on show.',
          'Roedd sut i roi adborth neu wneud cwyn i’w weld.',
          'Informacja, jak przekazać opinię lub złożyć skargę, była widoczna.',
          'كانت طريقة تقديم الملاحظات أو الشكوى معروضة.',
          '已公示如何提出意见或投诉。',
          '已公示如何提出意見或投訴。',
        ),
      },
    ],
  },
  {
    id: 'kiosk-ready',
    title: t(
      'A kiosk ready to use',
      'Ciosg yn barod i’w ddefnyddio',
      'Kiosk gotowy do użycia',
      'كشك جاهز للاستخدام',
      '自助终端随时可用',
      '自助終端隨時可用',
    ),
    appliesTo: { accessPointKinds: ['kiosk'] },
    checks: [
      {
        id: 'working',
        weight: 2,
        prompt: t(
          'The kiosk was switched on, clean and working.',
          'Roedd y ciosg wedi’i droi ymlaen, yn lân ac yn gweithio.',
          'Kiosk był włączony, czysty i działał.',
          'كان الكشك يعمل ونظيفًا وفي حالة جيدة.',
          '自助终端已开机、干净且运行正常。',
          '自助終端已開機、乾淨且運作正常。',
        ),
      },
      {
        id: 'help-answered',
        prompt: t(
          'A call for help from the kiosk was answered within 5 minutes.',
          'Atebwyd galwad am help o’r ciosg o fewn 5 munud.',
          'Wezwanie pomocy z kiosku zostało odebrane w ciągu 5 minut.',
          'تمت الاستجابة لطلب المساعدة من الكشك خلال 5 دقائق.',
          '从自助终端发出的求助在 5 分钟内得到回应。',
          '從自助終端發出的求助在 5 分鐘內得到回應。',
        ),
      },
      {
        id: 'no-trace',
        prompt: t(
          'Nothing from the previous citizen’s session could be seen.',
          'Nid oedd dim o sesiwn y dinesydd blaenorol i’w weld.',
          'Nie było widać niczego z sesji poprzedniego obywatela.',
          'لم يكن هناك أي أثر ظاهر من جلسة المواطن السابق.',
          '看不到上一位市民使用时留下的任何内容。',
          '看不到上一位市民使用時留下的任何內容。',
        ),
      },
    ],
  },
  {
    id: 'promises',
    title: t(
      'Our promises are told',
      'Rydym yn dweud beth yw ein haddewidion',
      'Informujemy o naszych zobowiązaniach',
      'نُبلغ بوعودنا',
      '告知我们的承诺',
      '告知我們的承諾',
    ),
    appliesTo: { accessPointKinds: [...STAFFED] },
    commitments: {
      weight: 2,
      prompt: t(
        'Staff told the citizen what we promise, in the commitment’s own words:',
        'Dywedodd y staff wrth y dinesydd beth rydym yn ei addo, yng ngeiriau’r ymrwymiad ei hun:',
        'Personel przekazał obywatelowi nasze zobowiązanie jego własnymi słowami:',
        'أخبر الموظفون المواطن بما نعد به، بكلمات الالتزام نفسها:',
        '工作人员用承诺的原话告诉了市民我们的承诺：',
        '工作人員用承諾的原話告訴了市民我們的承諾：',
      ),
    },
  },
  {
    id: 'blue-badge-documents',
    title: t(
      'Blue badge: the right proof, first time',
      'Bathodyn glas: y prawf cywir, y tro cyntaf',
      'Niebieska karta: właściwe dokumenty za pierwszym razem',
      'الشارة الزرقاء: الإثبات الصحيح من المرة الأولى',
      '蓝色停车证：一次备齐证明材料',
      '藍色停車證：一次備齊證明文件',
    ),
    appliesTo: { serviceIds: ['blue-badge'] },
    checks: [
      {
        id: 'documents-listed',
        prompt: t(
          'Staff listed the proof needed: identity, address, and the benefit or condition.',
          'Rhestrodd y staff y prawf sydd ei angen: hunaniaeth, cyfeiriad, a’r budd-dal neu’r cyflwr.',
          'Personel wymienił potrzebne dokumenty: tożsamość, adres oraz świadczenie lub schorzenie.',
          'ذكر الموظفون الإثباتات المطلوبة: الهوية والعنوان والإعانة أو الحالة الصحية.',
          '工作人员列出了所需证明：身份、地址以及福利或健康状况证明。',
          '工作人員列出了所需證明：身分、地址以及福利或健康狀況證明。',
        ),
      },
      {
        id: 'copies-offered',
        prompt: t(
          'Staff offered to copy or scan the documents there and then.',
          'Cynigiodd y staff gopïo neu sganio’r dogfennau yn y fan a’r lle.',
          'Personel zaproponował skopiowanie lub zeskanowanie dokumentów na miejscu.',
          'عرض الموظفون نسخ المستندات أو مسحها ضوئيًا في الحال.',
          '工作人员主动提出当场复印或扫描材料。',
          '工作人員主動提出當場影印或掃描文件。',
        ),
      },
    ],
  },
  {
    id: 'bereavement-care',
    title: t(
      'Care after a death',
      'Gofal ar ôl marwolaeth',
      'Wsparcie po śmierci bliskiej osoby',
      'الرعاية بعد الوفاة',
      '丧亲后的关怀',
      '喪親後的關懷',
    ),
    appliesTo: { serviceIds: ['register-a-death'] },
    checks: [
      {
        id: 'tell-us-once',
        prompt: t(
          'Tell Us Once was explained, so the family need tell each body only once.',
          'Eglurwyd y gwasanaeth Dweud Wrthym Unwaith, fel bod y teulu’n dweud wrth bob corff unwaith yn unig.',
          'Wyjaśniono usługę Tell Us Once, aby rodzina zgłaszała śmierć każdej instytucji tylko raz.',
          'تم شرح خدمة "أخبرنا مرة واحدة" حتى لا تضطر العائلة إلى إبلاغ كل جهة إلا مرة واحدة.',
          '解释了“一次告知”服务，家属只需通知一次即可。',
          '解釋了「一次告知」服務，家屬只需通知一次即可。',
        ),
      },
      {
        id: 'not-rushed',
        prompt: t(
          'The citizen was not rushed and was offered somewhere quiet.',
          'Ni chafodd y dinesydd ei frysio a chynigiwyd rhywle tawel iddo.',
          'Obywatela nie poganiano i zaproponowano mu spokojne miejsce.',
          'لم يُستعجل المواطن وعُرض عليه مكان هادئ.',
          '没有催促市民，并为其提供了安静的地方。',
          '沒有催促市民，並為其提供了安靜的地方。',
        ),
      },
    ],
  },
  {
    id: 'safe-tonight',
    title: t(
      'Somewhere safe tonight',
      'Rhywle diogel heno',
      'Bezpieczne miejsce na dzisiejszą noc',
      'مكان آمن الليلة',
      '今晚有安全的住处',
      '今晚有安全的住處',
    ),
    appliesTo: { serviceIds: ['homelessness-advice'] },
    checks: [
      {
        id: 'asked-tonight',
        weight: 3,
        prompt: t(
          'Staff asked whether the citizen had somewhere safe to stay tonight.',
          'Gofynnodd y staff a oedd gan y dinesydd rywle diogel i aros heno.',
          'Personel zapytał, czy obywatel ma bezpieczne miejsce na dzisiejszą noc.',
          'سأل الموظفون المواطن إن كان لديه مكان آمن يبيت فيه الليلة.',
          '工作人员询问了市民今晚是否有安全的住处。',
          '工作人員詢問了市民今晚是否有安全的住處。',
        ),
      },
    ],
  },
];
