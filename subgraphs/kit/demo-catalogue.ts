import { demoId } from './demo';

/**
 * The demo service catalogue: procedures of the five demo departments (DEMO_DEPARTMENTS), shared
 * by the procedures seed (which stores them) and the applications seed (which applies for them).
 * Ids derive from the stable codes: `demoProcedureId(code)`, and each procedure's downloadable
 * PDF form is file `demoFormFileId(code)`. Online procedures carry their application form
 * (JSON Schema 2020-12), published as version 1.
 */
export type DemoChannel = 'ONLINE' | 'IN_PERSON' | 'MAIL';

export interface DemoProcedure {
  id: string;
  code: string;
  departmentCode: string;
  title: string;
  summary: string;
  category: string;
  eligibility: string;
  legalBasis: string;
  processingTimeDays: number;
  channels: DemoChannel[];
  steps: { title: string; description: string }[];
  documents: { name: string; description: string; mandatory: boolean }[];
  fees: { description: string; amount: string; currency: string }[];
  faqs: { question: string; answer: string }[];
  /** JSON Schema 2020-12 of the online application form; only for online procedures. */
  applicationForm?: Record<string, unknown>;
}

export const demoProcedureId = (code: string) => demoId('procedure', code);
export const demoFormFileId = (code: string) => demoId('form', code);

// ---- building blocks of the application forms -------------------------------------------------

const text = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'string', title, minLength: 1, maxLength: 200, ...extra });
const date = (title: string) => ({ type: 'string', format: 'date', title });
const choice = (title: string, options: string[]) => ({ type: 'string', title, enum: options });
const yesNo = (title: string) => ({ type: 'boolean', title });
const integer = (title: string, minimum: number, maximum: number) => ({ type: 'integer', title, minimum, maximum });
const money = (title: string) => ({ type: 'number', title, minimum: 0, multipleOf: 0.01 });

/** Who applies: the same group on every form, so a portal can prefill it from the account. */
const applicant = {
  type: 'object',
  title: 'Applicant',
  properties: {
    fullName: text('Full name'),
    birthDate: date('Date of birth'),
    email: { type: 'string', format: 'email', title: 'Email' },
    phone: { type: 'string', title: 'Phone', pattern: '^\\+?[0-9 ()-]{7,20}$', examples: ['+44 20 7946 0958'] },
  },
  required: ['fullName', 'birthDate', 'email'],
  additionalProperties: false,
};

const address = (title: string) => ({
  type: 'object',
  title,
  properties: { street: text('Street and number'), postalCode: text('Postal code', { maxLength: 12 }), city: text('City') },
  required: ['street', 'postalCode', 'city'],
  additionalProperties: false,
});

function form(title: string, properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    properties: { applicant, ...properties },
    required: ['applicant', ...required],
    additionalProperties: false,
  };
}

// ---- the catalogue ------------------------------------------------------------------------------

type Row = Omit<DemoProcedure, 'id' | 'steps' | 'documents' | 'fees' | 'faqs'> & {
  steps: [string, string][];
  documents: [string, string, boolean][];
  fees: [string, string][];
  faqs: [string, string][];
};

const ROWS: Row[] = [
  // Civil Registry Office
  {
    code: 'CIVIL-BIRTH-REG', departmentCode: 'CIVIL', title: 'Birth registration', category: 'Family',
    summary: 'Register the birth of a child and receive the birth certificate.',
    eligibility: 'Either parent, or the hospital on their behalf, within 30 days of the birth.',
    legalBasis: 'Civil Status Act, sections 12–18', processingTimeDays: 5, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Fill in the birth notification', 'Give the child\'s name, date and place of birth and both parents\' details.'],
      ['Attach the medical certificate', 'The hospital or midwife issues a certificate of birth.'],
      ['Receive the birth certificate', 'The registry records the birth and sends the certificate by post or email.']],
    documents: [['Medical certificate of birth', 'Issued by the hospital or midwife.', true],
      ['Parents\' identity documents', 'Copies of both parents\' identity cards or passports.', true],
      ['Marriage or partnership certificate', 'Only when the parents are married and want a joint surname recorded.', false]],
    fees: [['First birth certificate', '0.00'], ['Each additional certified copy', '12.00']],
    faqs: [['What if I miss the 30-day deadline?', 'You can still register; attach a short statement explaining the delay.'],
      ['Can the father register alone?', 'Yes, with the mother\'s written consent when the parents are not married.']],
    applicationForm: form('Birth registration', {
      childName: text('Child\'s full name'), childBirthDate: date('Date of birth'), placeOfBirth: text('Place of birth'),
      sex: choice('Sex', ['female', 'male', 'not stated']), parentsMarried: yesNo('Are the parents married?'),
      copies: integer('Additional certified copies', 0, 10),
    }, ['childName', 'childBirthDate', 'placeOfBirth', 'parentsMarried']),
  },
  {
    code: 'CIVIL-RESIDENCE-REG', departmentCode: 'CIVIL', title: 'Residence registration', category: 'Residence',
    summary: 'Register your address after moving into or within the city.',
    eligibility: 'Everyone who moves into a home in the city, within 14 days of moving in.',
    legalBasis: 'Residence Registration Act, section 4', processingTimeDays: 3, channels: ['ONLINE', 'IN_PERSON', 'MAIL'],
    steps: [['Report the move', 'Give your new address and the date you moved in.'],
      ['Add the landlord\'s confirmation', 'Your landlord confirms that you moved in; owners attach the deed.'],
      ['Get the confirmation of registration', 'You receive a certificate of residence by email.']],
    documents: [['Identity card or passport', 'For every person moving.', true],
      ['Landlord\'s confirmation of moving in', 'Signed by the landlord or the owner of the home.', true]],
    fees: [['Registration', '0.00']],
    faqs: [['Do children need to be registered too?', 'Yes, list every member of the household who moves with you.'],
      ['I only moved within the same building, do I need to register?', 'Yes, any change of flat is a change of address.']],
    applicationForm: form('Residence registration', {
      newAddress: address('New address'), movedInOn: date('Date of moving in'),
      householdSize: integer('People moving in, including you', 1, 20), mainResidence: yesNo('Is this your main residence?'),
    }, ['newAddress', 'movedInOn', 'householdSize', 'mainResidence']),
  },
  {
    code: 'CIVIL-MARRIAGE', departmentCode: 'CIVIL', title: 'Marriage registration', category: 'Family',
    summary: 'Give notice of an intended marriage and book the civil ceremony.',
    eligibility: 'Two adults who are free to marry; at least one of them resident in the city.',
    legalBasis: 'Civil Status Act, sections 30–41', processingTimeDays: 20, channels: ['IN_PERSON'],
    steps: [['Book an appointment', 'Both partners attend the registry to give notice.'], ['Give notice', 'Bring the documents; the notice is displayed for 10 days.'], ['Hold the ceremony', 'On the booked date, with two witnesses.']],
    documents: [['Identity documents of both partners', 'Valid identity cards or passports.', true], ['Birth certificates', 'Recent certified copies.', true], ['Divorce decree or death certificate', 'Only if either partner was married before.', false]],
    fees: [['Notice of marriage', '45.00'], ['Ceremony at the registry office', '80.00']],
    faqs: [['Can we marry outside the registry office?', 'Yes, at an approved venue, for an additional fee.']],
  },
  {
    code: 'CIVIL-ID-CARD', departmentCode: 'CIVIL', title: 'Identity card application', category: 'Identity documents',
    summary: 'Apply for a new or replacement national identity card.',
    eligibility: 'Citizens registered as resident in the city.',
    legalBasis: 'Identity Documents Act, section 7', processingTimeDays: 15, channels: ['IN_PERSON'],
    steps: [['Book an appointment', 'Fingerprints and signature are taken in person.'], ['Have your photo taken', 'Bring a biometric photo or use the booth at the counter.'], ['Collect the card', 'You are notified when the card is ready.']],
    documents: [['Current or expired identity card', 'Or a police report when it was lost or stolen.', true], ['Biometric photo', '35 × 45 mm, not older than six months.', true]],
    fees: [['Identity card (adults)', '37.00'], ['Identity card (under 24)', '22.80']],
    faqs: [['How long is the card valid?', 'Ten years for adults, six years for people under 24.']],
  },
  {
    code: 'CIVIL-DEATH-REG', departmentCode: 'CIVIL', title: 'Death registration', category: 'Family',
    summary: 'Register a death and obtain the death certificate.',
    eligibility: 'A relative, a member of the household or the funeral director, within three days.',
    legalBasis: 'Civil Status Act, sections 50–55', processingTimeDays: 2, channels: ['IN_PERSON', 'MAIL'],
    steps: [['Obtain the medical certificate', 'The doctor who confirmed the death issues it.'], ['Register the death', 'At the registry or through the funeral director.'], ['Receive death certificates', 'Order as many copies as you need for banks and insurers.']],
    documents: [['Medical certificate of cause of death', 'Issued by the doctor.', true], ['Identity card of the deceased', 'It is returned cancelled.', true]],
    fees: [['First death certificate', '0.00'], ['Each additional certified copy', '12.00']],
    faqs: [['Can the funeral director register for us?', 'Yes, most funeral directors do this as part of their service.']],
  },
  {
    code: 'CIVIL-NAME-CHANGE', departmentCode: 'CIVIL', title: 'Change of name', category: 'Identity documents',
    summary: 'Apply to change your first name or surname for personal reasons.',
    eligibility: 'Adults resident in the city; parents on behalf of a minor child.',
    legalBasis: 'Names Act, sections 3–9', processingTimeDays: 30, channels: ['ONLINE', 'MAIL'],
    steps: [['Apply with your reasons', 'Explain why you want to change your name.'], ['Decision', 'The registry decides and notifies you in writing.'], ['Update your documents', 'Apply for a new identity card and passport with the new name.']],
    documents: [['Birth certificate', 'A certified copy.', true], ['Statement of reasons', 'Supporting documents such as a doctor\'s letter, where relevant.', false]],
    fees: [['Change of surname', '200.00'], ['Change of first name', '100.00']],
    faqs: [['Does a name change after marriage need this procedure?', 'No, choose the married name when the marriage is registered.']],
    applicationForm: form('Change of name', {
      currentName: text('Current full name'), requestedName: text('Requested full name'),
      nameKind: choice('Which name changes', ['first name', 'surname', 'both']), reason: text('Reason', { maxLength: 2000 }),
      forMinor: yesNo('Is the application for a minor child?'),
    }, ['currentName', 'requestedName', 'nameKind', 'reason']),
  },
  // Commerce and Business Registration
  {
    code: 'BIZ-LICENCE', departmentCode: 'BIZ', title: 'Business licence', category: 'Business',
    summary: 'Obtain the general licence to carry on a trade or business in the city.',
    eligibility: 'Sole traders and companies starting a business with premises or activity in the city.',
    legalBasis: 'Trade and Business Licensing Ordinance, section 14', processingTimeDays: 10, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Apply for the licence', 'Describe the business, its activity and its premises.'], ['Pay the licence fee', 'Online by card or by bank transfer.'], ['Inspection if needed', 'Food, health and hazardous trades are inspected before the decision.'], ['Receive the licence', 'The licence is sent by email and is valid for one year.']],
    documents: [['Identity document of the owner or managing director', 'A scan or copy.', true], ['Lease or title deed of the premises', 'Showing the right to use the premises.', true], ['Company registration extract', 'For companies only.', false]],
    fees: [['Business licence (one year)', '150.00'], ['Inspection, where required', '75.00']],
    faqs: [['Do I need a licence for a home office?', 'Yes, unless the business has no customers on the premises and no employees; then a notification is enough.'], ['How do I renew my licence?', 'Apply again before it expires; the same online form is used.']],
    applicationForm: form('Business licence', {
      businessName: text('Business name'), legalForm: choice('Legal form', ['sole trader', 'partnership', 'limited company', 'cooperative']),
      activity: text('Main activity', { maxLength: 500 }), premises: address('Business premises'),
      employees: integer('Number of employees', 0, 10000), startDate: date('Planned start date'),
      servesFood: yesNo('Does the business prepare or serve food?'),
    }, ['businessName', 'legalForm', 'activity', 'premises', 'startDate', 'servesFood']),
  },
  {
    code: 'BIZ-COMPANY-REG', departmentCode: 'BIZ', title: 'Company registration', category: 'Business',
    summary: 'Register a new limited company in the commercial register.',
    eligibility: 'Founders of a limited company with a registered office in the city.',
    legalBasis: 'Companies Act, sections 5–12', processingTimeDays: 5, channels: ['ONLINE', 'MAIL'],
    steps: [['Prepare the articles of association', 'Use the model articles or your own.'], ['Apply for registration', 'Give the company details, directors and shareholders.'], ['Receive the registration number', 'The company exists from the date of registration.']],
    documents: [['Articles of association', 'Signed by all founders.', true], ['Proof of paid-in share capital', 'A bank confirmation.', true]],
    fees: [['Registration', '100.00']],
    faqs: [['What is the minimum share capital?', 'One currency unit per share; most companies start with 1,000.']],
    applicationForm: form('Company registration', {
      companyName: text('Company name'), registeredOffice: address('Registered office'),
      shareCapital: money('Share capital'), directors: integer('Number of directors', 1, 50),
      usesModelArticles: yesNo('Does the company use the model articles?'),
    }, ['companyName', 'registeredOffice', 'shareCapital', 'directors', 'usesModelArticles']),
  },
  {
    code: 'BIZ-MARKET-STALL', departmentCode: 'BIZ', title: 'Market stall permit', category: 'Business',
    summary: 'Rent a pitch at one of the city\'s street markets.',
    eligibility: 'Traders with a valid business licence.',
    legalBasis: 'Markets Regulation, section 6', processingTimeDays: 7, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Choose a market and days', 'See the market calendar.'], ['Apply for a pitch', 'Pitches are allocated in the order applications arrive.'], ['Pay and receive the permit', 'The permit names your pitch number.']],
    documents: [['Business licence', 'Current licence number.', true], ['Food hygiene certificate', 'Only for food stalls.', false]],
    fees: [['Pitch, per market day', '25.00']],
    faqs: [['Can I share a pitch?', 'Yes, if both traders are named on the permit.']],
    applicationForm: form('Market stall permit', {
      market: choice('Market', ['Central Square (Sat)', 'Harbour Market (Wed)', 'Riverside Market (Sun)']),
      goods: text('Goods sold'), daysPerMonth: integer('Market days per month', 1, 5), foodStall: yesNo('Is it a food stall?'),
    }, ['market', 'goods', 'daysPerMonth', 'foodStall']),
  },
  {
    code: 'BIZ-ALCOHOL-LICENCE', departmentCode: 'BIZ', title: 'Licence to sell alcohol', category: 'Business',
    summary: 'Apply for a premises licence to sell or serve alcoholic drinks.',
    eligibility: 'Businesses with a business licence whose premises meet the licensing conditions.',
    legalBasis: 'Licensing Act, sections 17–24', processingTimeDays: 40, channels: ['IN_PERSON', 'MAIL'],
    steps: [['Apply with the operating plan', 'Opening hours and measures to prevent nuisance.'], ['Public notice', 'The application is published for 28 days.'], ['Hearing if objections arise', 'The licensing committee decides.']],
    documents: [['Operating plan', 'Hours, staffing and noise control.', true], ['Plan of the premises', 'To scale.', true]],
    fees: [['Premises licence', '300.00'], ['Annual fee', '180.00']],
    faqs: [['Who can object?', 'Neighbours, the police and the health authority.']],
  },
  {
    code: 'BIZ-CLOSURE', departmentCode: 'BIZ', title: 'Notice of business closure', category: 'Business',
    summary: 'Notify the city that a business has ceased trading.',
    eligibility: 'The owner of a licensed business, within one month of closing.',
    legalBasis: 'Trade and Business Licensing Ordinance, section 21', processingTimeDays: 5, channels: ['MAIL', 'IN_PERSON'],
    steps: [['Send the notice', 'Give the closing date.'], ['Licence is cancelled', 'You receive a confirmation.']],
    documents: [['Business licence', 'The licence number.', true]],
    fees: [['Notice of closure', '0.00']],
    faqs: [['Is the unused licence fee refunded?', 'Yes, for whole months remaining.']],
  },
  // Housing and Urban Development
  {
    code: 'HOUSING-BUILDING-PERMIT', departmentCode: 'HOUSING', title: 'Building permit', category: 'Housing',
    summary: 'Apply for permission to build, extend or substantially alter a building.',
    eligibility: 'Owners of the land or those with their written consent.',
    legalBasis: 'Building Code, sections 59–72', processingTimeDays: 60, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Pre-application advice (optional)', 'Discuss the project with a planning officer.'], ['Submit the application and plans', 'Drawings by a registered architect or engineer.'], ['Neighbour consultation', 'Adjoining owners may comment within 14 days.'], ['Decision', 'The permit may carry conditions.'], ['Start of works notice', 'Tell us a week before works begin.']],
    documents: [['Site plan and drawings', 'To scale, signed by the designer.', true], ['Structural calculations', 'For new buildings and load-bearing changes.', false], ['Owner\'s consent', 'When the applicant is not the owner.', false]],
    fees: [['Permit, per 100 m² of floor area', '250.00'], ['Neighbour notification', '30.00']],
    faqs: [['Do I need a permit for a garden shed?', 'Not for sheds under 10 m² and 2.5 m high set back at least 1 m from the boundary.'], ['How long is a permit valid?', 'Works must start within three years.']],
    applicationForm: form('Building permit', {
      site: address('Building site'), projectType: choice('Type of works', ['new building', 'extension', 'alteration', 'change of use']),
      floorArea: { type: 'number', title: 'Floor area (m²)', exclusiveMinimum: 0 }, storeys: integer('Storeys', 1, 60),
      applicantIsOwner: yesNo('Are you the owner of the land?'), plannedStart: date('Planned start of works'),
    }, ['site', 'projectType', 'floorArea', 'applicantIsOwner']),
  },
  {
    code: 'HOUSING-DEMOLITION', departmentCode: 'HOUSING', title: 'Demolition permit', category: 'Housing',
    summary: 'Apply for permission to demolish a building or part of it.',
    eligibility: 'Owners of the building.',
    legalBasis: 'Building Code, sections 80–84', processingTimeDays: 30, channels: ['IN_PERSON', 'MAIL'],
    steps: [['Survey for hazardous materials', 'An asbestos survey is required for buildings before 1995.'], ['Apply with the demolition plan', 'Method, waste disposal and safety.'], ['Decision', 'Listed buildings need additional consent.']],
    documents: [['Hazardous materials survey', 'By a certified surveyor.', true], ['Demolition plan', 'Method and waste handling.', true]],
    fees: [['Demolition permit', '180.00']],
    faqs: [['Can I demolish a listed building?', 'Only with heritage consent, which is rarely granted.']],
  },
  {
    code: 'HOUSING-ASSISTANCE', departmentCode: 'HOUSING', title: 'Housing allowance', category: 'Social support',
    summary: 'Apply for a monthly contribution to rent for households on a low income.',
    eligibility: 'Tenants resident in the city whose household income is below the published limits.',
    legalBasis: 'Housing Allowance Act, sections 2–11', processingTimeDays: 30, channels: ['ONLINE', 'MAIL', 'IN_PERSON'],
    steps: [['Check the income limits', 'They depend on household size.'], ['Apply', 'Give your rent, household and income.'], ['Decision and payment', 'Paid monthly for twelve months; reapply to continue.']],
    documents: [['Tenancy agreement', 'Showing the rent.', true], ['Proof of income', 'Of every adult in the household, last three months.', true]],
    fees: [['Application', '0.00']],
    faqs: [['Can homeowners apply?', 'Homeowners can apply for a mortgage cost contribution under the same procedure.'], ['What if my income changes?', 'Tell us within one month; the allowance is recalculated.']],
    applicationForm: form('Housing allowance', {
      monthlyRent: money('Monthly rent'), householdSize: integer('People in the household', 1, 20),
      monthlyIncome: money('Household income per month'), tenure: choice('Tenure', ['private tenant', 'social housing tenant', 'owner']),
      receivesOtherBenefits: yesNo('Does anyone in the household receive other benefits?'),
    }, ['monthlyRent', 'householdSize', 'monthlyIncome', 'tenure']),
  },
  {
    code: 'HOUSING-OCCUPANCY-CERT', departmentCode: 'HOUSING', title: 'Certificate of occupancy', category: 'Housing',
    summary: 'Have a finished building inspected and certified fit to be used.',
    eligibility: 'Holders of a building permit, when works are complete.',
    legalBasis: 'Building Code, section 75', processingTimeDays: 15, channels: ['IN_PERSON'],
    steps: [['Notify completion', 'Give the permit number.'], ['Final inspection', 'An inspector visits the site.'], ['Certificate', 'Issued when the building matches the permit.']],
    documents: [['Building permit', 'Number and conditions.', true], ['Completion certificates', 'Electrical, gas and fire safety.', true]],
    fees: [['Final inspection', '120.00']],
    faqs: [['Can we move in before the certificate?', 'No, occupying the building before it is certified is an offence.']],
  },
  // Revenue and Taxation
  {
    code: 'TAX-REFUND', departmentCode: 'TAX', title: 'Income tax refund', category: 'Tax',
    summary: 'Claim back income tax withheld in excess of what you owe for a year.',
    eligibility: 'Taxpayers who paid more tax through withholding than their final assessment; within four years.',
    legalBasis: 'Income Tax Act, section 46', processingTimeDays: 40, channels: ['ONLINE', 'MAIL'],
    steps: [['Gather your income statements', 'From each employer and pension fund.'], ['Claim the refund', 'Declare income and deductions for the year.'], ['Assessment', 'The bureau checks the claim and pays to your bank account.']],
    documents: [['Annual income statements', 'From every employer.', true], ['Receipts for deductions', 'Only for deductions claimed.', false]],
    fees: [['Refund claim', '0.00']],
    faqs: [['How far back can I claim?', 'Four years after the end of the tax year.'], ['When will I be paid?', 'Within the processing time after a complete claim, usually sooner.']],
    applicationForm: form('Income tax refund', {
      taxYear: integer('Tax year', 2000, 2100), taxNumber: { type: 'string', title: 'Tax number', pattern: '^[0-9]{9}$', examples: ['123456789'] },
      iban: { type: 'string', title: 'Bank account (IBAN)', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$', examples: ['DE89370400440532013000'] },
      grossIncome: money('Gross income'), taxWithheld: money('Tax withheld'),
      claimsDeductions: yesNo('Do you claim deductions?'),
    }, ['taxYear', 'taxNumber', 'iban', 'grossIncome', 'taxWithheld']),
  },
  {
    code: 'TAX-PAYMENT-PLAN', departmentCode: 'TAX', title: 'Tax payment plan', category: 'Tax',
    summary: 'Pay a tax debt in monthly instalments when you cannot pay it at once.',
    eligibility: 'Taxpayers with a tax debt over 500 who are up to date with their returns.',
    legalBasis: 'Tax Procedure Act, section 222', processingTimeDays: 20, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Propose a plan', 'How much you can pay each month.'], ['Assessment', 'We may ask for proof of income and expenses.'], ['Agreement', 'Collection stops while you keep to the plan.']],
    documents: [['Statement of income and expenses', 'Monthly figures.', true]],
    fees: [['Interest on deferred tax, per month', '0.50']],
    faqs: [['What if I miss an instalment?', 'Contact us at once; after two missed instalments the plan ends.']],
    applicationForm: form('Tax payment plan', {
      taxNumber: { type: 'string', title: 'Tax number', pattern: '^[0-9]{9}$', examples: ['123456789'] }, debtAmount: money('Amount owed'),
      monthlyInstalment: money('Proposed monthly instalment'), months: integer('Number of months', 2, 36),
      reason: choice('Reason', ['loss of income', 'illness', 'business difficulty', 'other']),
    }, ['taxNumber', 'debtAmount', 'monthlyInstalment', 'months', 'reason']),
  },
  {
    code: 'TAX-PROPERTY-EXEMPTION', departmentCode: 'TAX', title: 'Property tax exemption', category: 'Tax',
    summary: 'Apply for exemption from property tax for a qualifying home or charitable use.',
    eligibility: 'Owners over 70 with a low income, and charities using the property for their purpose.',
    legalBasis: 'Property Tax Act, section 9', processingTimeDays: 45, channels: ['MAIL', 'IN_PERSON'],
    steps: [['Apply with proof of eligibility', 'Age and income, or charity registration.'], ['Decision', 'Valid from the next tax year.']],
    documents: [['Proof of ownership', 'Land registry extract.', true], ['Proof of income or charity status', 'As applicable.', true]],
    fees: [['Application', '0.00']],
    faqs: [['Do I need to reapply every year?', 'No, until your circumstances change.']],
  },
  {
    code: 'TAX-RESIDENCE-CERT', departmentCode: 'TAX', title: 'Certificate of tax residence', category: 'Tax',
    summary: 'Obtain a certificate that you are resident here for tax purposes, for a foreign tax authority.',
    eligibility: 'Individuals and companies resident for tax purposes.',
    legalBasis: 'Tax Procedure Act, section 18; double taxation treaties', processingTimeDays: 10, channels: ['MAIL', 'IN_PERSON'],
    steps: [['Request the certificate', 'Name the country and the tax year.'], ['Receive the certificate', 'Signed and stamped, by post.']],
    documents: [['Foreign authority\'s form', 'If the other country uses its own form.', false]],
    fees: [['Certificate', '20.00']],
    faqs: [['Can I get it in English?', 'Yes, certificates are bilingual.']],
  },
  // Transport
  {
    code: 'TRANSPORT-LICENCE-RENEWAL', departmentCode: 'TRANSPORT', title: 'Driving licence renewal', category: 'Transport',
    summary: 'Renew your driving licence before it expires.',
    eligibility: 'Holders of a driving licence that expires within six months or has expired less than five years ago.',
    legalBasis: 'Road Traffic Act, section 24; Driving Licence Regulation', processingTimeDays: 10, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Apply for the renewal', 'Confirm your details and your fitness to drive.'], ['Upload a photo', 'Or have it taken at the counter.'], ['Receive the new licence', 'Sent to your registered address.']],
    documents: [['Current driving licence', 'Licence number.', true], ['Medical certificate', 'From age 70, or for professional categories.', false]],
    fees: [['Licence renewal', '43.00']],
    faqs: [['Can I drive while my renewal is processed?', 'Yes, with the confirmation of application, for up to 60 days.'], ['I live abroad, can I renew here?', 'Only if you are still registered as resident.']],
    applicationForm: form('Driving licence renewal', {
      licenceNumber: { type: 'string', title: 'Licence number', pattern: '^[A-Z0-9]{8,12}$', examples: ['AB12345678'] }, expiryDate: date('Current expiry date'),
      categories: { type: 'array', title: 'Categories', items: { enum: ['AM', 'A', 'B', 'BE', 'C', 'CE', 'D'] }, minItems: 1, uniqueItems: true },
      medicalConditions: yesNo('Do you have a medical condition that may affect your driving?'),
      delivery: choice('Delivery', ['post', 'collect at the counter']),
    }, ['licenceNumber', 'expiryDate', 'categories', 'medicalConditions', 'delivery']),
  },
  {
    code: 'TRANSPORT-VEHICLE-REG', departmentCode: 'TRANSPORT', title: 'Vehicle registration', category: 'Transport',
    summary: 'Register a vehicle in your name and get its number plates.',
    eligibility: 'Owners of a vehicle with a valid roadworthiness certificate and insurance.',
    legalBasis: 'Vehicle Registration Regulation, sections 3–10', processingTimeDays: 3, channels: ['IN_PERSON'],
    steps: [['Insure the vehicle', 'The insurer issues an electronic confirmation.'], ['Register at the counter', 'Bring the documents and the old plates.'], ['Receive plates and registration certificate', 'On the spot.']],
    documents: [['Certificate of conformity or previous registration', 'For new or used vehicles.', true], ['Proof of insurance', 'Electronic confirmation number.', true]],
    fees: [['Registration', '27.00'], ['Number plates (pair)', '35.00']],
    faqs: [['Can I keep my old number?', 'Yes, if you register within three months in the same region.']],
  },
  {
    code: 'TRANSPORT-PARKING-PERMIT', departmentCode: 'TRANSPORT', title: 'Resident parking permit', category: 'Transport',
    summary: 'Park in your residential zone without time limits.',
    eligibility: 'Residents registered in a permit zone who own or lease a car registered to them.',
    legalBasis: 'Parking Ordinance, section 12', processingTimeDays: 5, channels: ['ONLINE', 'IN_PERSON'],
    steps: [['Apply', 'Give your address and vehicle registration number.'], ['Pay', 'Annual fee by card.'], ['Digital permit', 'Linked to your number plate; no sticker needed.']],
    documents: [['Vehicle registration certificate', 'In your name or with a lease agreement.', true]],
    fees: [['Annual permit', '120.00']],
    faqs: [['Can visitors park too?', 'Buy visitor vouchers online, 2.00 per day.']],
    applicationForm: form('Resident parking permit', {
      zone: choice('Parking zone', ['A – Old Town', 'B – Harbour', 'C – University', 'D – Riverside']),
      plateNumber: { type: 'string', title: 'Number plate', pattern: '^[A-Z0-9 -]{2,10}$', examples: ['AB 1234'] },
      leasedVehicle: yesNo('Is the vehicle leased or a company car?'), validFrom: date('Valid from'),
    }, ['zone', 'plateNumber', 'leasedVehicle', 'validFrom']),
  },
  {
    code: 'TRANSPORT-LEARNER-PERMIT', departmentCode: 'TRANSPORT', title: 'Learner driver permit', category: 'Transport',
    summary: 'Apply for the permit to learn to drive with an instructor or a qualified accompanying driver.',
    eligibility: 'People aged 16½ or older who pass the eyesight test.',
    legalBasis: 'Road Traffic Act, section 21', processingTimeDays: 10, channels: ['IN_PERSON', 'MAIL'],
    steps: [['Eyesight test', 'At an optician or the counter.'], ['Apply', 'With the first-aid course certificate.'], ['Receive the permit', 'Valid for two years.']],
    documents: [['Eyesight test certificate', 'Not older than two years.', true], ['First-aid course certificate', 'Nine hours.', true], ['Parental consent', 'Under 18 only.', false]],
    fees: [['Learner permit', '38.00']],
    faqs: [['Who can accompany me?', 'Anyone over 30 who has held a licence for five years, named on the permit.']],
  },
];

export const DEMO_CATALOGUE: DemoProcedure[] = ROWS.map((r) => ({
  ...r,
  id: demoProcedureId(r.code),
  steps: r.steps.map(([title, description]) => ({ title, description })),
  documents: r.documents.map(([name, description, mandatory]) => ({ name, description, mandatory })),
  fees: r.fees.map(([description, amount]) => ({ description, amount, currency: 'USD' })),
  faqs: r.faqs.map(([question, answer]) => ({ question, answer })),
}));
