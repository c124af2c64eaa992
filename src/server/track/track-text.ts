// The words of the public tracking page in every language the pack carries. The page is plain
// server-rendered HTML for any phone, so it cannot use the app's i18next bundles; this is its
// own small dictionary, checked for completeness by track.test.ts.
import type { CaseEvent, CaseType } from '../../shared/case.ts';
import type { PackLanguage } from '../../shared/pack/local-text.ts';

export interface TrackText {
  /** The language's own name, for the language links. */
  languageName: string;
  languages: string;
  trackTitle: string;
  trackIntro: string;
  lookupLabel: string;
  lookupButton: string;
  tooManyTitle: string;
  tooManyBody: string;
  checkTitle: string;
  /** {typed} is what the person typed; {example} a well-formed reference. */
  checkBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  /** {reference} */
  caseTitle: string;
  reference: string;
  status: string;
  statuses: Record<'open' | 'acknowledged' | 'resolved', string>;
  types: Record<CaseType, string>;
  promise: string;
  /** {date} */
  promiseBy: string;
  next: string;
  /** {step}, {date} */
  nextBy: string;
  priority: string;
  happened: string;
  qrAlt: string;
  actions: Record<CaseEvent['kind'], string>;
}

export const TRACK_TEXT: Record<PackLanguage, TrackText> = {
  en: {
    languageName: 'English',
    languages: 'Language',
    trackTitle: 'Track a case',
    trackIntro: 'Enter the reference on your slip or text message.',
    lookupLabel: 'Track another reference',
    lookupButton: 'Track',
    tooManyTitle: 'Too many lookups',
    tooManyBody: 'Please wait a minute and try again.',
    checkTitle: 'Check the reference',
    checkBody:
      '“{typed}” is not a reference we give out. References look like {example}: eight letters and numbers and a last check character. They never contain the letters O, I, L or U, or the digits 0 and 1.',
    notFoundTitle: 'Not found yet',
    notFoundBody:
      'We cannot find this case yet. If it was recorded somewhere without a connection, such as a mobile library, it appears when that device next connects. Please try again later.',
    caseTitle: 'Case {reference}',
    reference: 'Reference',
    status: 'Status',
    statuses: { open: 'Received', acknowledged: 'Being dealt with', resolved: 'Resolved' },
    types: {
      request: 'Request',
      complaint: 'Complaint',
      comment: 'Comment',
      compliment: 'Compliment',
      enquiry: 'Enquiry',
    },
    promise: 'Our promise',
    promiseBy: 'By {date}.',
    next: 'What happens next',
    nextBy: '{step}, by {date}.',
    priority: 'This case has been given priority.',
    happened: 'What has happened',
    qrAlt: 'QR code for this page',
    actions: {
      opened: 'We received your report',
      routed: 'Passed to the team that deals with it',
      acknowledged: 'The team has picked it up',
      note: 'The team added an update',
      'step-completed': 'A step was completed',
      escalated: 'Given priority',
      resolved: 'Resolved',
      reopened: 'Reopened',
    },
  },
  cy: {
    languageName: 'Cymraeg',
    languages: 'Iaith',
    trackTitle: 'Dilyn achos',
    trackIntro: 'Rhowch y cyfeirnod sydd ar eich slip neu eich neges destun.',
    lookupLabel: 'Dilyn cyfeirnod arall',
    lookupButton: 'Dilyn',
    tooManyTitle: 'Gormod o chwiliadau',
    tooManyBody: 'Arhoswch funud a rhowch gynnig arall arni.',
    checkTitle: 'Gwiriwch y cyfeirnod',
    checkBody:
      'Nid yw “{typed}” yn gyfeirnod rydym yn ei roi. Mae cyfeirnodau’n edrych fel {example}: wyth llythyren a rhif a nod gwirio olaf. Does dim O, I, L nac U, na’r digidau 0 ac 1 ynddynt byth.',
    notFoundTitle: 'Heb ei ganfod eto',
    notFoundBody:
      'Ni allwn ddod o hyd i’r achos hwn eto. Os cafodd ei gofnodi rywle heb gysylltiad, fel llyfrgell deithiol, bydd yn ymddangos pan fydd y ddyfais honno’n cysylltu nesaf. Rhowch gynnig arall arni yn nes ymlaen.',
    caseTitle: 'Achos {reference}',
    reference: 'Cyfeirnod',
    status: 'Statws',
    statuses: { open: 'Wedi dod i law', acknowledged: 'Yn cael sylw', resolved: 'Wedi’i ddatrys' },
    types: {
      request: 'Cais',
      complaint: 'Cwyn',
      comment: 'Sylw',
      compliment: 'Canmoliaeth',
      enquiry: 'Ymholiad',
    },
    promise: 'Ein haddewid',
    promiseBy: 'Erbyn {date}.',
    next: 'Beth sy’n digwydd nesaf',
    nextBy: '{step}, erbyn {date}.',
    priority: 'Mae’r achos hwn wedi cael blaenoriaeth.',
    happened: 'Beth sydd wedi digwydd',
    qrAlt: 'Cod QR ar gyfer y dudalen hon',
    actions: {
      opened: 'Daeth eich adroddiad i law',
      routed: 'Wedi’i anfon at y tîm sy’n delio ag ef',
      acknowledged: 'Mae’r tîm wedi ei dderbyn',
      note: 'Ychwanegodd y tîm ddiweddariad',
      'step-completed': 'Cwblhawyd cam',
      escalated: 'Wedi cael blaenoriaeth',
      resolved: 'Wedi’i ddatrys',
      reopened: 'Wedi’i ailagor',
    },
  },
  pl: {
    languageName: 'Polski',
    languages: 'Język',
    trackTitle: 'Sprawdź sprawę',
    trackIntro: 'Wpisz numer referencyjny z potwierdzenia lub wiadomości SMS.',
    lookupLabel: 'Sprawdź inny numer',
    lookupButton: 'Sprawdź',
    tooManyTitle: 'Zbyt wiele wyszukiwań',
    tooManyBody: 'Odczekaj minutę i spróbuj ponownie.',
    checkTitle: 'Sprawdź numer',
    checkBody:
      '„{typed}” nie jest numerem, który nadajemy. Numery wyglądają jak {example}: osiem liter i cyfr oraz znak kontrolny na końcu. Nigdy nie zawierają liter O, I, L ani U ani cyfr 0 i 1.',
    notFoundTitle: 'Jeszcze nie znaleziono',
    notFoundBody:
      'Nie możemy jeszcze znaleźć tej sprawy. Jeśli zapisano ją w miejscu bez połączenia, np. w bibliotece objazdowej, pojawi się, gdy to urządzenie połączy się ponownie. Spróbuj później.',
    caseTitle: 'Sprawa {reference}',
    reference: 'Numer',
    status: 'Stan',
    statuses: { open: 'Przyjęta', acknowledged: 'W trakcie załatwiania', resolved: 'Załatwiona' },
    types: {
      request: 'Wniosek',
      complaint: 'Skarga',
      comment: 'Uwaga',
      compliment: 'Pochwała',
      enquiry: 'Zapytanie',
    },
    promise: 'Nasza obietnica',
    promiseBy: 'Do {date}.',
    next: 'Co dalej',
    nextBy: '{step}, do {date}.',
    priority: 'Tej sprawie nadano priorytet.',
    happened: 'Co się wydarzyło',
    qrAlt: 'Kod QR tej strony',
    actions: {
      opened: 'Otrzymaliśmy zgłoszenie',
      routed: 'Przekazano zespołowi, który się tym zajmuje',
      acknowledged: 'Zespół podjął sprawę',
      note: 'Zespół dodał informację',
      'step-completed': 'Zakończono etap',
      escalated: 'Nadano priorytet',
      resolved: 'Załatwiona',
      reopened: 'Wznowiona',
    },
  },
  ar: {
    languageName: 'العربية',
    languages: 'اللغة',
    trackTitle: 'تتبّع حالة',
    trackIntro: 'أدخل الرقم المرجعي المكتوب على إيصالك أو في رسالتك النصية.',
    lookupLabel: 'تتبّع رقمًا مرجعيًا آخر',
    lookupButton: 'تتبّع',
    tooManyTitle: 'عمليات بحث كثيرة جدًا',
    tooManyBody: 'يرجى الانتظار دقيقة ثم المحاولة مرة أخرى.',
    checkTitle: 'تحقّق من الرقم المرجعي',
    checkBody:
      '«{typed}» ليس رقمًا مرجعيًا نصدره. تبدو الأرقام المرجعية مثل {example}: ثمانية أحرف وأرقام وحرف تحقق أخير. لا تحتوي أبدًا على الأحرف O أو I أو L أو U ولا على الرقمين 0 و1.',
    notFoundTitle: 'لم يُعثر عليها بعد',
    notFoundBody:
      'لا يمكننا العثور على هذه الحالة بعد. إذا سُجّلت في مكان بلا اتصال، مثل مكتبة متنقلة، فستظهر عندما يتصل ذلك الجهاز مرة أخرى. يرجى المحاولة لاحقًا.',
    caseTitle: 'الحالة {reference}',
    reference: 'الرقم المرجعي',
    status: 'الوضع',
    statuses: { open: 'تم الاستلام', acknowledged: 'قيد المعالجة', resolved: 'تمت المعالجة' },
    types: {
      request: 'طلب',
      complaint: 'شكوى',
      comment: 'ملاحظة',
      compliment: 'إشادة',
      enquiry: 'استفسار',
    },
    promise: 'وعدنا',
    promiseBy: 'بحلول {date}.',
    next: 'ما الخطوة التالية',
    nextBy: '{step}، بحلول {date}.',
    priority: 'أُعطيت هذه الحالة أولوية.',
    happened: 'ما الذي حدث',
    qrAlt: 'رمز QR لهذه الصفحة',
    actions: {
      opened: 'استلمنا بلاغك',
      routed: 'أُحيلت إلى الفريق المختص',
      acknowledged: 'تسلّم الفريق الحالة',
      note: 'أضاف الفريق تحديثًا',
      'step-completed': 'اكتملت خطوة',
      escalated: 'أُعطيت أولوية',
      resolved: 'تمت المعالجة',
      reopened: 'أُعيد فتحها',
    },
  },
  'zh-Hans': {
    languageName: '简体中文',
    languages: '语言',
    trackTitle: '查询案件',
    trackIntro: '请输入回执或短信上的编号。',
    lookupLabel: '查询其他编号',
    lookupButton: '查询',
    tooManyTitle: '查询次数过多',
    tooManyBody: '请等待一分钟后再试。',
    checkTitle: '请检查编号',
    checkBody:
      '“{typed}”不是我们发出的编号。编号形如 {example}：八个字母和数字，最后一个校验字符。编号中不会出现字母 O、I、L、U 以及数字 0 和 1。',
    notFoundTitle: '暂未找到',
    notFoundBody:
      '暂时找不到此案件。如果它是在没有网络的地方（例如流动图书馆）记录的，该设备下次联网后就会显示。请稍后再试。',
    caseTitle: '案件 {reference}',
    reference: '编号',
    status: '状态',
    statuses: { open: '已受理', acknowledged: '正在处理', resolved: '已解决' },
    types: {
      request: '申请',
      complaint: '投诉',
      comment: '意见',
      compliment: '表扬',
      enquiry: '咨询',
    },
    promise: '我们的承诺',
    promiseBy: '在 {date} 之前。',
    next: '下一步',
    nextBy: '{step}，在 {date} 之前。',
    priority: '此案件已被优先处理。',
    happened: '处理记录',
    qrAlt: '本页的二维码',
    actions: {
      opened: '我们已收到您的报告',
      routed: '已转交负责的团队',
      acknowledged: '团队已接手',
      note: '团队添加了进展',
      'step-completed': '已完成一个步骤',
      escalated: '已优先处理',
      resolved: '已解决',
      reopened: '已重新打开',
    },
  },
  'zh-Hant': {
    languageName: '繁體中文',
    languages: '語言',
    trackTitle: '查詢案件',
    trackIntro: '請輸入收據或短訊上的編號。',
    lookupLabel: '查詢其他編號',
    lookupButton: '查詢',
    tooManyTitle: '查詢次數過多',
    tooManyBody: '請等待一分鐘後再試。',
    checkTitle: '請檢查編號',
    checkBody:
      '「{typed}」不是我們發出的編號。編號形如 {example}：八個字母和數字，最後一個校驗字元。編號中不會出現字母 O、I、L、U 以及數字 0 和 1。',
    notFoundTitle: '暫未找到',
    notFoundBody:
      '暫時找不到此案件。如果它是在沒有網絡的地方（例如流動圖書館）記錄的，該裝置下次連線後就會顯示。請稍後再試。',
    caseTitle: '案件 {reference}',
    reference: '編號',
    status: '狀態',
    statuses: { open: '已受理', acknowledged: '正在處理', resolved: '已解決' },
    types: {
      request: '申請',
      complaint: '投訴',
      comment: '意見',
      compliment: '表揚',
      enquiry: '查詢',
    },
    promise: '我們的承諾',
    promiseBy: '在 {date} 之前。',
    next: '下一步',
    nextBy: '{step}，在 {date} 之前。',
    priority: '此案件已獲優先處理。',
    happened: '處理記錄',
    qrAlt: '本頁的二維碼',
    actions: {
      opened: '我們已收到您的報告',
      routed: '已轉交負責的團隊',
      acknowledged: '團隊已接手',
      note: '團隊新增了進展',
      'step-completed': '已完成一個步驟',
      escalated: '已優先處理',
      resolved: '已解決',
      reopened: '已重新開啟',
    },
  },
};

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The text as HTML, with {name} placeholders filled by `html`, which the caller has escaped. */
export function fillHtml(template: string, html: Record<string, string> = {}): string {
  return escapeHtml(template).replace(/{(\w+)}/g, (whole, name: string) => html[name] ?? whole);
}
