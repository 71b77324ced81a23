import type { FeedbackKind } from './tables';

/** Topics per demo department, from which seed subjects and bodies are made. */
export const TOPICS: Record<string, string[]> = {
  CIVIL: ['birth certificate', 'passport renewal', 'residence registration', 'marriage registration', 'ID card appointment'],
  BIZ: ['company registration', 'trade permit', 'business licence renewal', 'street vendor permit', 'registry extract'],
  HOUSING: ['building permit', 'zoning change', 'housing allowance', 'inspection visit', 'noise from a construction site'],
  TAX: ['property tax assessment', 'income tax refund', 'payment plan', 'late filing penalty', 'tax certificate'],
  TRANSPORT: ['driving licence renewal', 'vehicle registration', 'bus timetable', 'pothole repair', 'parking permit'],
};

const SUBJECTS: Record<FeedbackKind, ((t: string) => string)[]> = {
  COMPLAINT: [
    (t) => `Long wait for my ${t}`,
    (t) => `Rude treatment at the counter about a ${t}`,
    (t) => `Wrong information given about the ${t}`,
  ],
  SUGGESTION: [
    (t) => `Offer the ${t} online`,
    (t) => `Send reminders before the ${t} deadline`,
    (t) => `Longer opening hours for ${t} matters`,
  ],
  OPINION: [
    (t) => `My view on the proposed changes to the ${t}`,
    (t) => `Support for the new ${t} rules`,
    (t) => `Concerns about the ${t} consultation draft`,
  ],
  INQUIRY: [
    (t) => `Which documents do I need for the ${t}?`,
    (t) => `How long does the ${t} take?`,
    (t) => `Can someone else apply for my ${t}?`,
  ],
};

const BODIES: Record<FeedbackKind, (t: string) => string> = {
  COMPLAINT: (t) =>
    `I applied for the ${t} several weeks ago and have heard nothing since. Calls to the office go unanswered. Please tell me what is happening and when I can expect a decision.`,
  SUGGESTION: (t) =>
    `Many people I know struggle with the ${t}. It would save everyone time if the forms could be filled in and tracked online, with a message when something is missing.`,
  OPINION: (t) =>
    `Having read the published draft on the ${t}, I think the goals are right but the transition period is too short for small households and businesses to adapt.`,
  INQUIRY: (t) =>
    `I would like to start the ${t} next month. Could you tell me what I must bring, what it costs and whether I need an appointment?`,
};

const REPLIES: Record<FeedbackKind, (t: string) => string> = {
  COMPLAINT: (t) =>
    `Thank you for letting us know, and we apologise for the delay with your ${t}. Your file has been reviewed and a decision has been sent to you by post.`,
  SUGGESTION: (t) => `Thank you for your suggestion about the ${t}. We have passed it to the team planning next year's online services.`,
  OPINION: (t) => `Thank you for taking part in the consultation on the ${t}. Your opinion has been recorded and will be summarised in the final report.`,
  INQUIRY: (t) =>
    `For the ${t} please bring a valid ID and the completed form from our website. No appointment is needed; processing takes about ten working days.`,
};

export function texts(kind: FeedbackKind, topic: string, variant: number) {
  const subjects = SUBJECTS[kind];
  return { subject: subjects[variant % subjects.length](topic), body: BODIES[kind](topic), reply: REPLIES[kind](topic) };
}
