// The words of the 48-hour follow-up, in every language the pack carries: the message that
// carries the survey link (email and SMS) and the public survey page. Like the tracking page,
// the survey is plain server-rendered HTML, so it has its own small dictionary (checked for
// completeness by the feedback tests); the language links reuse TRACK_TEXT's names.
import type { PackLanguage } from '../../shared/pack/local-text.ts';

export interface FollowupText {
  title: string;
  /** {place} */
  intro: string;
  courteous: string;
  courteousYes: string;
  courteousNo: string;
  solved: string;
  solvedYes: string;
  solvedPartly: string;
  solvedNo: string;
  comment: string;
  commentHint: string;
  submit: string;
  thanksTitle: string;
  thanksBody: string;
  privacy: string;
  alreadyTitle: string;
  alreadyBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  closedTitle: string;
  closedBody: string;
  errorTitle: string;
  missing: string;
  commentProblem: string;
  emailSubject: string;
  /** {place}, {link} */
  emailBody: string;
  /** {place}, {link} */
  sms: string;
}

export const FOLLOWUP_TEXT: Record<PackLanguage, FollowupText> = {
  en: {
    title: 'How did we do?',
    intro: 'About your visit to {place}.',
    courteous: 'Were you treated courteously?',
    courteousYes: 'Yes',
    courteousNo: 'No',
    solved: 'Was your problem solved?',
    solvedYes: 'Yes',
    solvedPartly: 'Partly',
    solvedNo: 'No',
    comment: 'Anything else you would like to tell us? (optional)',
    commentHint:
      'Please do not include personal details such as your name, address or phone number. At most 500 characters.',
    submit: 'Send my answers',
    thanksTitle: 'Thank you',
    thanksBody: 'Your answers have reached us. They help every door serve people better.',
    privacy:
      'We have deleted your email address or phone number; your answers are not linked to your name.',
    alreadyTitle: 'Already answered',
    alreadyBody: 'This survey has already been answered. Thank you — each link can be used once.',
    notFoundTitle: 'Survey not found',
    notFoundBody:
      'This link is not one we sent, or it was mistyped. Check the link in your message. You do not need to do anything else.',
    closedTitle: 'This survey has closed',
    closedBody:
      'Each survey stays open for 14 days after we send it, and this one has closed. Thank you all the same — you do not need to do anything else.',
    errorTitle: 'Please check your answers',
    missing: 'Please answer both questions.',
    commentProblem:
      'We cannot keep your comment: it is too long (500 characters at most) or contains characters we cannot store.',
    emailSubject: 'How was your visit?',
    emailBody:
      'You visited {place} and agreed that we could ask how it went. Two questions, under a minute: {link}\n\nThe link works once. If you did not agree to this, please ignore this message.',
    sms: 'AnyDoor: how was your visit to {place}? Two quick questions: {link}',
  },
  cy: {
    title: 'Sut wnaethon ni?',
    intro: 'Am eich ymweliad â {place}.',
    courteous: 'A gawsoch eich trin yn gwrtais?',
    courteousYes: 'Do',
    courteousNo: 'Naddo',
    solved: 'A gafodd eich problem ei datrys?',
    solvedYes: 'Do',
    solvedPartly: 'Yn rhannol',
    solvedNo: 'Naddo',
    comment: 'Unrhyw beth arall yr hoffech ei ddweud wrthym? (dewisol)',
    commentHint:
      'Peidiwch â chynnwys manylion personol fel eich enw, cyfeiriad neu rif ffôn. 500 nod ar y mwyaf.',
    submit: 'Anfon fy atebion',
    thanksTitle: 'Diolch',
    thanksBody:
      'Mae eich atebion wedi ein cyrraedd. Maen nhw’n helpu pob drws i wasanaethu pobl yn well.',
    privacy:
      'Rydym wedi dileu eich cyfeiriad e-bost neu rif ffôn; nid yw eich atebion wedi’u cysylltu â’ch enw.',
    alreadyTitle: 'Wedi’i ateb eisoes',
    alreadyBody:
      'Mae’r arolwg hwn wedi’i ateb eisoes. Diolch — dim ond unwaith y gellir defnyddio pob dolen.',
    notFoundTitle: 'Heb ddod o hyd i’r arolwg',
    notFoundBody:
      'Nid yw’r ddolen hon yn un a anfonwyd gennym, neu cafodd ei theipio’n anghywir. Gwiriwch y ddolen yn eich neges. Nid oes angen i chi wneud dim arall.',
    closedTitle: 'Mae’r arolwg hwn wedi cau',
    closedBody:
      'Mae pob arolwg ar agor am 14 diwrnod ar ôl i ni ei anfon, ac mae’r un hwn wedi cau. Diolch serch hynny — nid oes angen i chi wneud dim arall.',
    errorTitle: 'Gwiriwch eich atebion',
    missing: 'Atebwch y ddau gwestiwn, os gwelwch yn dda.',
    commentProblem:
      'Ni allwn gadw eich sylw: mae’n rhy hir (500 nod ar y mwyaf) neu mae’n cynnwys nodau na allwn eu cadw.',
    emailSubject: 'Sut oedd eich ymweliad?',
    emailBody:
      'Fe wnaethoch ymweld â {place} a chytuno y gallem ofyn sut aeth pethau. Dau gwestiwn, llai na munud: {link}\n\nDim ond unwaith y mae’r ddolen yn gweithio. Os na wnaethoch gytuno i hyn, anwybyddwch y neges hon.',
    sms: 'AnyDoor: sut oedd eich ymweliad â {place}? Dau gwestiwn cyflym: {link}',
  },
  pl: {
    title: 'Jak oceniasz naszą obsługę?',
    intro: 'Dotyczy Twojej wizyty w miejscu: {place}.',
    courteous: 'Czy potraktowano Cię uprzejmie?',
    courteousYes: 'Tak',
    courteousNo: 'Nie',
    solved: 'Czy Twoja sprawa została załatwiona?',
    solvedYes: 'Tak',
    solvedPartly: 'Częściowo',
    solvedNo: 'Nie',
    comment: 'Czy chcesz nam jeszcze coś powiedzieć? (opcjonalnie)',
    commentHint:
      'Prosimy nie podawać danych osobowych, takich jak imię i nazwisko, adres czy numer telefonu. Maksymalnie 500 znaków.',
    submit: 'Wyślij odpowiedzi',
    thanksTitle: 'Dziękujemy',
    thanksBody:
      'Otrzymaliśmy Twoje odpowiedzi. Pomagają nam lepiej obsługiwać ludzi w każdym punkcie.',
    privacy:
      'Usunęliśmy Twój adres e-mail lub numer telefonu; Twoje odpowiedzi nie są powiązane z Twoim nazwiskiem.',
    alreadyTitle: 'Ankieta już wypełniona',
    alreadyBody:
      'Na tę ankietę już odpowiedziano. Dziękujemy — każdego linku można użyć tylko raz.',
    notFoundTitle: 'Nie znaleziono ankiety',
    notFoundBody:
      'Ten link nie pochodzi od nas albo został błędnie wpisany. Sprawdź link w wiadomości. Nie musisz robić nic więcej.',
    closedTitle: 'Ta ankieta jest już zamknięta',
    closedBody:
      'Każda ankieta jest otwarta przez 14 dni od wysłania, a ta została już zamknięta. Mimo to dziękujemy — nie musisz robić nic więcej.',
    errorTitle: 'Sprawdź odpowiedzi',
    missing: 'Prosimy odpowiedzieć na oba pytania.',
    commentProblem:
      'Nie możemy zapisać komentarza: jest za długi (maksymalnie 500 znaków) albo zawiera znaki, których nie da się zapisać.',
    emailSubject: 'Jak minęła wizyta?',
    emailBody:
      'Podczas wizyty w miejscu {place} zgodzono się, abyśmy zapytali, jak poszło. Dwa pytania, niecała minuta: {link}\n\nLink działa tylko raz. Jeśli to pomyłka, zignoruj tę wiadomość.',
    sms: 'AnyDoor: jak minęła wizyta w miejscu {place}? Dwa krótkie pytania: {link}',
  },
  ar: {
    title: 'كيف كانت خدمتنا؟',
    intro: 'بخصوص زيارتك إلى {place}.',
    courteous: 'هل عوملت بلباقة؟',
    courteousYes: 'نعم',
    courteousNo: 'لا',
    solved: 'هل حُلّت مشكلتك؟',
    solvedYes: 'نعم',
    solvedPartly: 'جزئيًا',
    solvedNo: 'لا',
    comment: 'هل هناك أي شيء آخر تود إخبارنا به؟ (اختياري)',
    commentHint: 'يرجى عدم ذكر بيانات شخصية مثل اسمك أو عنوانك أو رقم هاتفك. 500 حرف كحد أقصى.',
    submit: 'إرسال إجاباتي',
    thanksTitle: 'شكرًا لك',
    thanksBody: 'وصلتنا إجاباتك. إنها تساعد كل نقطة خدمة على خدمة الناس بشكل أفضل.',
    privacy: 'لقد حذفنا بريدك الإلكتروني أو رقم هاتفك، وإجاباتك غير مرتبطة باسمك.',
    alreadyTitle: 'تمت الإجابة مسبقًا',
    alreadyBody:
      'تمت الإجابة عن هذا الاستبيان من قبل. شكرًا لك — يمكن استخدام كل رابط مرة واحدة فقط.',
    notFoundTitle: 'لم يُعثر على الاستبيان',
    notFoundBody:
      'هذا الرابط ليس من الروابط التي أرسلناها، أو كُتب بشكل خاطئ. تحقق من الرابط في رسالتك. لا تحتاج إلى فعل أي شيء آخر.',
    closedTitle: 'أُغلق هذا الاستبيان',
    closedBody:
      'يبقى كل استبيان مفتوحًا لمدة 14 يومًا بعد إرساله، وقد أُغلق هذا الاستبيان. نشكرك على أي حال — لا تحتاج إلى فعل أي شيء آخر.',
    errorTitle: 'يرجى مراجعة إجاباتك',
    missing: 'يرجى الإجابة عن السؤالين.',
    commentProblem:
      'لا يمكننا حفظ تعليقك: إنه طويل جدًا (500 حرف كحد أقصى) أو يحتوي على أحرف لا يمكن حفظها.',
    emailSubject: 'كيف كانت زيارتك؟',
    emailBody:
      'زرت {place} ووافقت على أن نسألك عن تجربتك. سؤالان، أقل من دقيقة: {link}\n\nيعمل الرابط مرة واحدة فقط. إذا لم توافق على ذلك، فتجاهل هذه الرسالة.',
    sms: 'AnyDoor: كيف كانت زيارتك إلى {place}؟ سؤالان سريعان: {link}',
  },
  'zh-Hans': {
    title: '我们做得怎么样？',
    intro: '关于您到访{place}。',
    courteous: '工作人员对您是否礼貌？',
    courteousYes: '是',
    courteousNo: '否',
    solved: '您的问题解决了吗？',
    solvedYes: '解决了',
    solvedPartly: '部分解决',
    solvedNo: '没有',
    comment: '还有什么想告诉我们的吗？（可选）',
    commentHint: '请不要填写姓名、地址或电话号码等个人信息。最多 500 个字符。',
    submit: '提交我的回答',
    thanksTitle: '谢谢',
    thanksBody: '我们已收到您的回答。这些回答帮助每个服务点更好地为大家服务。',
    privacy: '我们已删除您的电子邮件地址或电话号码；您的回答不会与您的姓名关联。',
    alreadyTitle: '已经回答过',
    alreadyBody: '此问卷已经回答过了。谢谢——每个链接只能使用一次。',
    notFoundTitle: '未找到问卷',
    notFoundBody: '这个链接不是我们发出的，或输入有误。请核对消息中的链接。您无需再做任何事。',
    closedTitle: '此问卷已关闭',
    closedBody: '每份问卷在发送后开放 14 天，此问卷已经关闭。仍然感谢您——您无需再做任何事。',
    errorTitle: '请检查您的回答',
    missing: '请回答这两个问题。',
    commentProblem: '无法保存您的意见：内容过长（最多 500 个字符）或包含无法保存的字符。',
    emailSubject: '您这次到访感觉如何？',
    emailBody:
      '您到访了{place}，并同意我们询问您的体验。两个问题，不到一分钟：{link}\n\n此链接只能使用一次。如果您没有同意过，请忽略此消息。',
    sms: 'AnyDoor：您到访{place}感觉如何？两个简单问题：{link}',
  },
  'zh-Hant': {
    title: '我們做得怎麼樣？',
    intro: '關於您到訪{place}。',
    courteous: '工作人員對您是否有禮貌？',
    courteousYes: '是',
    courteousNo: '否',
    solved: '您的問題解決了嗎？',
    solvedYes: '解決了',
    solvedPartly: '部分解決',
    solvedNo: '沒有',
    comment: '還有什麼想告訴我們的嗎？（選填）',
    commentHint: '請不要填寫姓名、地址或電話號碼等個人資料。最多 500 個字元。',
    submit: '提交我的回答',
    thanksTitle: '謝謝',
    thanksBody: '我們已收到您的回答。這些回答幫助每個服務點更好地為大家服務。',
    privacy: '我們已刪除您的電子郵件地址或電話號碼；您的回答不會與您的姓名連結。',
    alreadyTitle: '已經回答過',
    alreadyBody: '此問卷已經回答過了。謝謝——每個連結只能使用一次。',
    notFoundTitle: '找不到問卷',
    notFoundBody: '這個連結不是我們發出的，或輸入有誤。請核對訊息中的連結。您無需再做任何事。',
    closedTitle: '此問卷已關閉',
    closedBody: '每份問卷在發送後開放 14 天，此問卷已經關閉。仍然感謝您——您無需再做任何事。',
    errorTitle: '請檢查您的回答',
    missing: '請回答這兩個問題。',
    commentProblem: '無法儲存您的意見：內容過長（最多 500 個字元）或包含無法儲存的字元。',
    emailSubject: '您這次到訪感覺如何？',
    emailBody:
      '您到訪了{place}，並同意我們詢問您的體驗。兩個問題，不到一分鐘：{link}\n\n此連結只能使用一次。如果您沒有同意過，請忽略此訊息。',
    sms: 'AnyDoor：您到訪{place}感覺如何？兩個簡單問題：{link}',
  },
};

/** Fills {name} placeholders in message text (plain text: email and SMS bodies). */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(/{(\w+)}/g, (whole, name: string) => values[name] ?? whole);
}
