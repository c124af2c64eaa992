// The words of the public review form (/review/<service>) in every language the pack carries:
// plain server-rendered HTML for any phone, like the tracking page (track-text.ts), so it has its
// own small dictionary. review-form.test in tests/integration/reviews.ts checks every language.
import type { PackLanguage } from '../../shared/pack/local-text.ts';

export interface ReviewFormText {
  /** {service} */
  title: string;
  intro: string;
  rating: string;
  ratings: Record<1 | 2 | 3 | 4 | 5, string>;
  reviewTitle: string;
  body: string;
  name: string;
  nameHint: string;
  submit: string;
  thanksTitle: string;
  thanksBody: string;
  problemTitle: string;
  problemBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  tooManyTitle: string;
  tooManyBody: string;
}

export const REVIEW_FORM_TEXT: Record<PackLanguage, ReviewFormText> = {
  en: {
    title: 'Review: {service}',
    intro:
      'Tell others what this service was like. A person reads every review before it appears, so please leave out names, phone numbers, email addresses and home addresses.',
    rating: 'Your rating',
    ratings: {
      1: '1 – Very poor',
      2: '2 – Poor',
      3: '3 – All right',
      4: '4 – Good',
      5: '5 – Very good',
    },
    reviewTitle: 'Title (optional)',
    body: 'Your review',
    name: 'Name to show (optional)',
    nameHint: 'Leave it empty to appear as Anonymous.',
    submit: 'Send review',
    thanksTitle: 'Thank you',
    thanksBody: 'Your review will appear once it has been checked.',
    problemTitle: 'Please check your review',
    problemBody:
      'Choose a rating and write your review: at most 2,000 characters, the title at most 120 and the name at most 60.',
    notFoundTitle: 'No such service',
    notFoundBody: 'This service is not in the directory.',
    tooManyTitle: 'Too many reviews',
    tooManyBody: 'Please wait a minute and try again.',
  },
  cy: {
    title: 'Adolygiad: {service}',
    intro:
      'Dywedwch wrth eraill sut oedd y gwasanaeth hwn. Mae person yn darllen pob adolygiad cyn iddo ymddangos, felly peidiwch â chynnwys enwau, rhifau ffôn, cyfeiriadau e-bost na chyfeiriadau cartref.',
    rating: 'Eich sgôr',
    ratings: { 1: '1 – Gwael iawn', 2: '2 – Gwael', 3: '3 – Iawn', 4: '4 – Da', 5: '5 – Da iawn' },
    reviewTitle: 'Teitl (dewisol)',
    body: 'Eich adolygiad',
    name: 'Enw i’w ddangos (dewisol)',
    nameHint: 'Gadewch yn wag i ymddangos yn ddienw.',
    submit: 'Anfon adolygiad',
    thanksTitle: 'Diolch',
    thanksBody: 'Bydd eich adolygiad yn ymddangos ar ôl iddo gael ei wirio.',
    problemTitle: 'Gwiriwch eich adolygiad',
    problemBody:
      'Dewiswch sgôr ac ysgrifennwch eich adolygiad: dim mwy na 2,000 o nodau, y teitl dim mwy na 120 a’r enw dim mwy na 60.',
    notFoundTitle: 'Dim gwasanaeth o’r fath',
    notFoundBody: 'Nid yw’r gwasanaeth hwn yn y cyfeiriadur.',
    tooManyTitle: 'Gormod o adolygiadau',
    tooManyBody: 'Arhoswch funud a rhowch gynnig arall arni.',
  },
  pl: {
    title: 'Opinia: {service}',
    intro:
      'Napisz innym, jak działa ta usługa. Każdą opinię czyta człowiek, zanim się pojawi, więc prosimy nie podawać imion i nazwisk, numerów telefonów, adresów e-mail ani adresów domowych.',
    rating: 'Twoja ocena',
    ratings: {
      1: '1 – Bardzo źle',
      2: '2 – Źle',
      3: '3 – W porządku',
      4: '4 – Dobrze',
      5: '5 – Bardzo dobrze',
    },
    reviewTitle: 'Tytuł (nieobowiązkowy)',
    body: 'Twoja opinia',
    name: 'Podpis (nieobowiązkowy)',
    nameHint: 'Zostaw puste, aby opinia była anonimowa.',
    submit: 'Wyślij opinię',
    thanksTitle: 'Dziękujemy',
    thanksBody: 'Opinia pojawi się po sprawdzeniu.',
    problemTitle: 'Sprawdź swoją opinię',
    problemBody:
      'Wybierz ocenę i napisz opinię: najwyżej 2000 znaków, tytuł najwyżej 120, podpis najwyżej 60.',
    notFoundTitle: 'Nie ma takiej usługi',
    notFoundBody: 'Tej usługi nie ma w katalogu.',
    tooManyTitle: 'Zbyt wiele opinii',
    tooManyBody: 'Poczekaj minutę i spróbuj ponownie.',
  },
  ar: {
    title: 'تقييم: {service}',
    intro:
      'أخبر الآخرين كيف كانت هذه الخدمة. يقرأ شخصٌ كل تقييم قبل نشره، لذا يُرجى عدم ذكر الأسماء وأرقام الهواتف وعناوين البريد الإلكتروني وعناوين المنازل.',
    rating: 'تقييمك',
    ratings: { 1: '1 – سيئ جدًا', 2: '2 – سيئ', 3: '3 – مقبول', 4: '4 – جيد', 5: '5 – جيد جدًا' },
    reviewTitle: 'العنوان (اختياري)',
    body: 'تقييمك المكتوب',
    name: 'الاسم المعروض (اختياري)',
    nameHint: 'اتركه فارغًا ليظهر التقييم باسم «مجهول».',
    submit: 'إرسال التقييم',
    thanksTitle: 'شكرًا لك',
    thanksBody: 'سيظهر تقييمك بعد مراجعته.',
    problemTitle: 'يُرجى التحقق من تقييمك',
    problemBody:
      'اختر تقييمًا واكتب رأيك: 2000 حرف على الأكثر، والعنوان 120 حرفًا على الأكثر، والاسم 60 حرفًا على الأكثر.',
    notFoundTitle: 'لا توجد خدمة كهذه',
    notFoundBody: 'هذه الخدمة غير موجودة في الدليل.',
    tooManyTitle: 'تقييمات كثيرة جدًا',
    tooManyBody: 'يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.',
  },
  'zh-Hans': {
    title: '评价：{service}',
    intro:
      '告诉别人这项服务怎么样。每条评价在显示前都会由工作人员阅读，因此请不要写姓名、电话号码、电子邮箱或家庭住址。',
    rating: '您的评分',
    ratings: { 1: '1 – 很差', 2: '2 – 差', 3: '3 – 一般', 4: '4 – 好', 5: '5 – 很好' },
    reviewTitle: '标题（选填）',
    body: '您的评价',
    name: '显示的名字（选填）',
    nameHint: '留空则显示为“匿名”。',
    submit: '发送评价',
    thanksTitle: '谢谢',
    thanksBody: '您的评价经审核后将会显示。',
    problemTitle: '请检查您的评价',
    problemBody: '请选择评分并填写评价：最多 2000 个字符，标题最多 120 个，名字最多 60 个。',
    notFoundTitle: '没有这项服务',
    notFoundBody: '目录中没有这项服务。',
    tooManyTitle: '评价太多',
    tooManyBody: '请等一分钟后再试。',
  },
  'zh-Hant': {
    title: '評價：{service}',
    intro:
      '告訴別人這項服務怎麼樣。每則評價在顯示前都會由工作人員閱讀，因此請不要寫姓名、電話號碼、電子郵件或住家地址。',
    rating: '您的評分',
    ratings: { 1: '1 – 很差', 2: '2 – 差', 3: '3 – 普通', 4: '4 – 好', 5: '5 – 很好' },
    reviewTitle: '標題（選填）',
    body: '您的評價',
    name: '顯示的名字（選填）',
    nameHint: '留空則顯示為「匿名」。',
    submit: '送出評價',
    thanksTitle: '謝謝',
    thanksBody: '您的評價經審核後將會顯示。',
    problemTitle: '請檢查您的評價',
    problemBody: '請選擇評分並填寫評價：最多 2000 個字元，標題最多 120 個，名字最多 60 個。',
    notFoundTitle: '沒有這項服務',
    notFoundBody: '目錄中沒有這項服務。',
    tooManyTitle: '評價太多',
    tooManyBody: '請等一分鐘後再試。',
  },
};
