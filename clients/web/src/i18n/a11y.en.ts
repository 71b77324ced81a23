/**
 * The strings of the accessibility patterns (error messages written from codes, filters, titles of
 * states, the accessibility statement), kept apart so en.ts and zh.ts stay easy to merge.
 */
export const a11yEn = {
  errors: {
    summaryTitle: 'There is a problem',
    prefix: 'Error:',
    enter: (field: string) => `Fill in “${field}”.`,
    choose: (field: string) => `Choose an answer for “${field}”.`,
    email: (_field: string, example: string) => `Enter an email address in the right format, for example ${example}.`,
    date: (field: string) => `Enter a real date for “${field}”, for example 2026-03-27.`,
    format: (field: string, example: string) => `Enter “${field}” in the right format, for example ${example}.`,
    between: (field: string, lo: number, hi: number, whole: boolean) => `“${field}” must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}.`,
    positive: (field: string) => `“${field}” must be more than 0.`,
    atLeast: (field: string, lo: number) => `“${field}” must be ${lo} or more.`,
    wholeNumber: (field: string) => `“${field}” must be a whole number, for example 3.`,
    number: (field: string) => `“${field}” must be a number, for example 12.50.`,
    tooLong: (field: string, n: number) => `“${field}” must be ${n} characters or fewer.`,
  },
  hints: {
    example: (example: string) => `For example ${example}`,
  },
  filters: {
    apply: 'Apply filters',
    services: (n: number) => `${n} service${n === 1 ? '' : 's'} found.`,
    publications: (n: number) => `${n} publication${n === 1 ? '' : 's'} found.`,
    applications: (n: number) => `${n} application${n === 1 ? '' : 's'} found.`,
    loaded: (n: number) => `${n} more loaded.`,
  },
  states: {
    signInNeeded: 'Sign in needed',
    notAllowed: 'Not allowed',
    failed: 'Something went wrong',
    signedOut: 'You are signed out.',
  },
  statement: {
    link: 'Accessibility',
    title: 'Accessibility statement',
    intro: 'This portal is run by the city’s government for everyone. We want as many people as possible to be able to use it: to zoom to 200 % or 400 % without losing content, to use it at 320 pixels wide, to use it with the keyboard alone, with a screen reader or with speech recognition, and to read it in English or Chinese.',
    standardTitle: 'How accessible this portal is',
    standard: 'We test the portal against the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, the level required by EN 301 549, Section 508 and GB/T 37668. The portal is partially compliant: the parts listed below do not conform yet.',
    testedTitle: 'How we test',
    tested: [
      'Every build runs axe-core in Chromium over every view, in English and Chinese, on a desktop screen and on a 390-pixel phone, and fails on any WCAG 2.0 or 2.1 level A or AA violation.',
      'Scripted journeys for citizens, officers, editors and analysts use the keyboard alone, and check that focus never gets lost and that outcomes are announced.',
      'We check that every view works at 320 pixels wide without scrolling sideways and with text at 200 %.',
    ],
    conformsTitle: 'What works',
    conforms: [
      'Every page has a skip link, landmarks, one main heading and a title that names the page.',
      'Every form can be completed with the keyboard; problems are listed in a summary that links to each field, in your language, with the expected format.',
      'Outcomes such as “saved” and the tracking number of an application are announced to screen readers.',
      'Charts on the dashboard also have their numbers as tables.',
    ],
    gapsTitle: 'What does not work yet',
    gaps: [
      'Much of the content itself (news, services, forms, answers written by staff) is written in English only. In the Chinese interface it is marked as English so that screen readers pronounce it correctly, but it is not yet translated (WCAG 3.1.2 is met; a full translation is planned).',
      'Some messages written by the server are in English only (for example about sign-in limits).',
      'The GraphQL explorer at /explorer is a developer tool built on GraphiQL; its code editor is hard to use with a screen reader. Every task it can do is also possible through the portal itself.',
      'Downloadable PDF forms are not tagged for screen readers. You can apply online instead, or ask us for the form in another format.',
    ],
    reportTitle: 'Report a problem or ask for another format',
    report: 'If something on this portal is hard to use, or you need information in another format (large print, easy read, audio, braille), tell us. We answer within 5 working days.',
    reportLink: 'Send us feedback about accessibility',
    reportEmail: 'Or email us:',
    reportOther: 'You can also visit any department’s office; the contact details are on each service’s page.',
    enforcementTitle: 'If you are not happy with our answer',
    enforcement: 'You can complain to the body that monitors public-sector websites in your jurisdiction.',
    prepared: 'This statement was prepared on 30 November 2026 and is reviewed with every release of the portal.',
  },
};
