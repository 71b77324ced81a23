import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../kit/demo-catalogue';
import { FormValidator } from './form-validation';
import { sampleFormData } from './sample-form-data';
import { officerTransition, WITHDRAWABLE } from './state-machine';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['applicant', 'purpose'],
  additionalProperties: false,
  properties: {
    applicant: {
      type: 'object',
      required: ['name', 'birthDate'],
      properties: { name: { type: 'string', minLength: 1 }, birthDate: { type: 'string', format: 'date' }, email: { type: 'string', format: 'email' } },
    },
    purpose: { enum: ['WORK', 'STUDY'] },
    items: { type: 'array', items: { type: 'object', required: ['qty'], properties: { qty: { type: 'integer', minimum: 1 } } } },
  },
};

describe('form validation', () => {
  const v = new FormValidator();

  it('accepts valid data', () => {
    expect(v.validate('p', 1, schema, { applicant: { name: 'A', birthDate: '1990-01-31' }, purpose: 'WORK' })).toEqual([]);
  });

  it('reports every problem at once, each on its dotted path with a stable code', () => {
    const errors = v.validate('p', 1, schema, {
      applicant: { birthDate: '31.01.1990', email: 'nope' },
      purpose: 'FUN',
      items: [{ qty: 0 }, {}],
      extra: 1,
    });
    expect(errors.map((e) => [e.field, e.code]).sort()).toEqual(
      [
        ['formData.applicant.name', 'REQUIRED'],
        ['formData.applicant.birthDate', 'INVALID_FORMAT'],
        ['formData.applicant.email', 'INVALID_FORMAT'],
        ['formData.purpose', 'INVALID_VALUE'],
        ['formData.items.0.qty', 'INVALID_VALUE'],
        ['formData.items.1.qty', 'REQUIRED'],
        ['formData.extra', 'UNKNOWN_FIELD'],
      ].sort(),
    );
    for (const e of errors) expect(e.message).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses data that is not an object', () => {
    expect(v.validate('p', 1, schema, 'text', 'input.formData')).toEqual([
      { field: 'input.formData', code: 'INVALID_TYPE', message: expect.any(String) },
    ]);
  });
});

describe('demo form data', () => {
  it('fills every online demo form validly, however it varies', () => {
    const v = new FormValidator();
    const online = DEMO_CATALOGUE.filter((p) => p.applicationForm);
    expect(online.length).toBeGreaterThan(5);
    for (const p of online) {
      for (let n = 0; n < 40; n++) {
        const data = sampleFormData(p.applicationForm!, n, { fullName: 'Alex Citizen', email: 'citizen@demo.gov' });
        expect([p.code, v.validate(p.id, 1, p.applicationForm, data)]).toEqual([p.code, []]);
      }
    }
  });
});

describe('state machine', () => {
  it('allows each officer action from one state only', () => {
    expect(officerTransition('SUBMITTED', 'ACCEPT')).toBe('ACCEPTED');
    expect(officerTransition('SUBMITTED', 'APPROVE')).toBeNull();
    expect(officerTransition('ACCEPTED', 'DENY')).toBe('DENIED');
    expect(officerTransition('APPROVED', 'COMPLETE')).toBe('COMPLETED');
    expect(officerTransition('COMPLETED', 'COMPLETE')).toBeNull();
    expect(officerTransition('SUPPLEMENT_REQUESTED', 'ACCEPT')).toBeNull();
    expect([...WITHDRAWABLE].sort()).toEqual(['ACCEPTED', 'SUBMITTED', 'SUPPLEMENT_REQUESTED']);
  });
});
