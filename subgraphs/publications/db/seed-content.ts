import type { PublicationKind } from './tables';

/** Demo publications per department: [kind, title, summary, topics]. Realistic, short, and varied enough to search. */
export type DemoItem = [PublicationKind, string, string, string[]];

export const DEMO_PUBLICATIONS: Record<string, DemoItem[]> = {
  CIVIL: [
    ['NEWS', 'Online birth registration now available around the clock', 'Parents can register a birth online within 30 days without visiting a counter.', ['birth-registration', 'digital-services']],
    ['ANNOUNCEMENT', 'Civil Registry counters closed for system upgrade on Saturday', 'Counters close for one day while the population register moves to new servers.', ['office-hours']],
    ['POLICY', 'New rules for residence registration of students', 'Students living away from home register a secondary residence; the primary one stays with the family.', ['residence', 'students']],
    ['NOTICE', 'Public notice of intended marriages, October', 'Couples who gave notice of marriage in October are listed for the statutory objection period.', ['marriage']],
    ['NEWS', 'Identity card waiting times down to five working days', 'Faster printing and a second enrolment station halve the wait for new identity cards.', ['identity-documents']],
    ['ANNOUNCEMENT', 'Appointment booking required for passport photos', 'From next month passport photos at the counter need an appointment booked online.', ['identity-documents', 'appointments']],
    ['POLICY', 'Name change procedure simplified', 'An adult may change a first name once by declaration, without a court order.', ['names']],
    ['NEWS', 'Record number of civil weddings in city hall this summer', 'More than 900 couples married in the city hall ceremony rooms between June and August.', ['marriage']],
    ['NOTICE', 'Correction of the electoral roll before the municipal elections', 'Residents can check and correct their electoral roll entry until the end of the month.', ['elections', 'residence']],
    ['ANNOUNCEMENT', 'Death certificates now issued electronically to funeral directors', 'Funeral directors receive signed electronic certificates instead of paper copies.', ['digital-services']],
    ['NEWS', 'Mobile registry office visits rural villages', 'A registry van visits twelve villages each month for documents and certificates.', ['rural', 'identity-documents']],
    ['POLICY', 'Retention policy for civil status records', 'Birth, marriage and death records are kept permanently; supporting files for 30 years.', ['records', 'privacy']],
    ['NOTICE', 'Lost documents handed in during the third quarter', 'Identity documents found and handed in can be collected with proof of identity.', ['identity-documents']],
  ],
  BIZ: [
    ['NEWS', 'Company registration in one day becomes the norm', 'Nine in ten limited companies were registered within one working day last quarter.', ['company-registration']],
    ['ANNOUNCEMENT', 'New online portal for trade permits opens', 'Market traders and street vendors apply for and renew permits on the new portal.', ['permits', 'digital-services']],
    ['POLICY', 'Small business licence fees reduced for the first year', 'Businesses with fewer than ten employees pay half the licence fee in their first year.', ['business-licence', 'fees']],
    ['NOTICE', 'Tender: catering services for municipal canteens', 'Suppliers may submit offers for catering in four municipal canteens until the deadline.', ['tenders']],
    ['NEWS', 'Start-up advice days return in spring', 'Free one-to-one sessions with business advisers every first Tuesday of the month.', ['start-ups']],
    ['ANNOUNCEMENT', 'Annual report filing deadline approaching', 'Registered companies must file their annual report by the end of next month.', ['company-registration', 'deadlines']],
    ['POLICY', 'Opening hours policy for retail shops', 'Shops may open on Sundays in the tourist zone from April to October.', ['retail']],
    ['NOTICE', 'Struck off: companies that did not file for three years', 'Companies listed here will be removed from the register unless they file within 60 days.', ['company-registration']],
    ['NEWS', 'Farmers market licences renewed for another season', 'Forty stallholders received renewed licences for the Saturday farmers market.', ['permits', 'markets']],
    ['ANNOUNCEMENT', 'Business licence applications accept electronic signatures', 'Applications signed with a qualified electronic signature need no paper original.', ['business-licence', 'digital-services']],
    ['POLICY', 'Consultation: rules for short-term rental businesses', 'Draft rules require registration and a licence number in every short-term rental advert.', ['consultation', 'short-term-rentals']],
    ['NEWS', 'Export support programme opens to craft businesses', 'Craft and food producers can now apply for trade fair grants.', ['grants', 'export']],
    ['NOTICE', 'Public hearing on the new market hall concession', 'The public hearing on the market hall concession takes place at the town hall.', ['markets', 'hearings']],
  ],
  HOUSING: [
    ['NEWS', 'Building permit decisions now within 30 days', 'The average building permit decision time fell from 52 to 30 days this year.', ['building-permits']],
    ['ANNOUNCEMENT', 'Housing assistance applications open for winter heating', 'Low-income households can apply for a heating allowance from November to February.', ['housing-assistance', 'energy']],
    ['POLICY', 'Updated zoning plan for the riverside district', 'The riverside district allows mixed residential and commercial use up to six storeys.', ['zoning', 'riverside']],
    ['NOTICE', 'Public inspection of the draft zoning plan', 'The draft zoning plan is on display for 30 days; anyone may submit comments.', ['zoning', 'consultation']],
    ['NEWS', 'Two hundred affordable homes completed in North Park', 'The North Park project handed over its last block of affordable rental homes.', ['affordable-housing']],
    ['ANNOUNCEMENT', 'Inspection bookings move online', 'Builders book site inspections online and receive the report by email.', ['inspections', 'digital-services']],
    ['POLICY', 'Energy efficiency requirements for renovations', 'Major renovations must reach energy class C; grants cover part of the insulation cost.', ['energy', 'renovation']],
    ['NOTICE', 'Demolition notice: former textile factory on Mill Lane', 'The derelict factory on Mill Lane will be demolished; neighbours may object within 14 days.', ['demolition']],
    ['NEWS', 'Rent support reaches 4,000 households', 'The rent support scheme helped more than 4,000 households in its first year.', ['housing-assistance']],
    ['ANNOUNCEMENT', 'Simplified permits for solar panels on roofs', 'Roof-mounted solar panels on houses need only a notification, not a permit.', ['building-permits', 'energy']],
    ['POLICY', 'Accessibility standard for new public buildings', 'New public buildings must offer step-free access and accessible toilets on every floor.', ['accessibility']],
    ['NEWS', 'Heritage facade grants awarded in the old town', 'Thirty owners received grants to restore historic facades in the old town.', ['heritage', 'grants']],
    ['NOTICE', 'Tender: roof repairs of municipal housing blocks', 'Contractors may tender for roof repairs of six municipal housing blocks.', ['tenders']],
  ],
  TAX: [
    ['NEWS', 'Tax refunds paid within ten days for online returns', 'Online income tax returns without queries were refunded within ten days on average.', ['tax-refunds', 'income-tax']],
    ['ANNOUNCEMENT', 'Income tax return deadline extended to 15 May', 'Individuals have until 15 May to file their income tax return without a late penalty.', ['income-tax', 'deadlines']],
    ['POLICY', 'Property tax rates for the coming year', 'The property tax rate stays at 0.35 percent; pensioners keep the reduced rate.', ['property-tax']],
    ['NOTICE', 'Property tax assessments sent out', 'Property tax assessments for the year have been sent; objections within 30 days.', ['property-tax']],
    ['NEWS', 'Pre-filled tax returns for all employees', 'Employees find their return pre-filled with salary and bank data and only confirm it.', ['income-tax', 'digital-services']],
    ['ANNOUNCEMENT', 'Payment plans available for tax arrears', 'Taxpayers in difficulty can spread arrears over up to 24 monthly instalments.', ['payment-plans']],
    ['POLICY', 'Consultation: tax deduction for home office costs', 'A draft rule would let employees deduct a flat amount for each home office day.', ['consultation', 'income-tax']],
    ['NOTICE', 'Interest rate on late tax payments', 'The interest rate on late payments is set at 4 percent a year from January.', ['payment-plans', 'interest']],
    ['NEWS', 'Tax help desk extends evening hours in April', 'The help desk stays open until 19:00 on weekdays during the filing season.', ['office-hours', 'income-tax']],
    ['ANNOUNCEMENT', 'Beware of fake tax refund emails', 'The bureau never asks for card details by email; report suspicious messages.', ['fraud', 'tax-refunds']],
    ['POLICY', 'Vehicle tax based on emissions from next year', 'Vehicle tax will depend on CO2 emissions; electric vehicles pay the minimum rate.', ['vehicle-tax', 'energy']],
    ['NEWS', 'Tax gap shrinks as e-invoicing spreads', 'Electronic invoicing helped recover an estimated 40 million in unpaid VAT.', ['vat', 'digital-services']],
    ['NOTICE', 'Public auction of seized goods', 'Goods seized for unpaid taxes are auctioned at the bureau warehouse.', ['auctions']],
  ],
  TRANSPORT: [
    ['NEWS', 'Driving licence renewal now fully online', 'Drivers renew their licence online with a digital photo and receive it by post.', ['driving-licence', 'digital-services']],
    ['ANNOUNCEMENT', 'Road works on Station Square from Monday', 'Station Square closes to cars for six weeks while the tram tracks are replaced.', ['road-works', 'public-transport']],
    ['POLICY', 'Low emission zone in the city centre', 'From next year older diesel vehicles may not enter the city centre on weekdays.', ['low-emission-zone', 'energy']],
    ['NOTICE', 'Temporary traffic order for the marathon', 'Streets along the marathon route are closed on Sunday from 07:00 to 15:00.', ['road-closures', 'events']],
    ['NEWS', 'New night bus lines connect the suburbs', 'Three night bus lines run every 30 minutes on Friday and Saturday nights.', ['public-transport']],
    ['ANNOUNCEMENT', 'Vehicle registration offices adopt appointment system', 'Vehicle registration counters serve visitors by appointment only from next month.', ['vehicle-registration', 'appointments']],
    ['POLICY', 'Cycling strategy 2030 adopted', 'The strategy plans 80 km of protected cycle lanes and secure bike parking at stations.', ['cycling']],
    ['NOTICE', 'Bridge inspection closes Harbour Bridge overnight', 'Harbour Bridge closes at night for three days for its structural inspection.', ['road-closures', 'inspections']],
    ['NEWS', 'Public transport ridership back above pre-pandemic levels', 'Buses and trams carried more passengers this year than in any year before.', ['public-transport']],
    ['ANNOUNCEMENT', 'Winter tyre requirement from 1 November', 'Vehicles must have winter tyres from 1 November to 31 March in wintry conditions.', ['road-safety']],
    ['POLICY', 'Consultation: parking fees in residential areas', 'A draft regulation introduces resident parking permits and visitor fees.', ['parking', 'consultation']],
    ['NEWS', 'School streets pilot improves road safety', 'Closing streets by schools at drop-off time cut traffic by half in the pilot.', ['road-safety', 'schools']],
    ['NOTICE', 'Tender: snow clearing on municipal roads', 'Contractors may tender for snow clearing on municipal roads for three winters.', ['tenders', 'winter']],
  ],
};

/** Markdown body made from the summary; demo text, but shaped like the real thing. */
export function demoBody(title: string, summary: string, departmentName: string, contact: string): string {
  return [
    summary,
    `## What this means for you\n\n${title} affects residents and businesses who deal with the ${departmentName}. ` +
      'Most steps can be completed online; the service counter helps anyone who prefers to come in person.',
    '## Next steps\n\n- Read the details on the department page.\n- Check whether you need to act and by when.\n- Contact us if anything is unclear.',
    `## Contact\n\n${departmentName}: ${contact}.`,
  ].join('\n\n');
}
