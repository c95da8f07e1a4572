import { paperRecord } from './paper-records.js';

const day = { versions: [{ version: 1, date: '2024-05-02T12:00:00.000Z' }] };

/**
 * A query paper and two candidates alike in every word but one: only A's ("classifier") shares pieces
 * with the query's "classification" (the stemmer makes "classifi" and "classif" of them, two different
 * words), B's ("xylophonist") shares none. None holds a topic word of topic-papers.ts, so a vector of
 * topics cannot tell them apart: only the character n-grams can.
 */
export const CHAR_TWINS = {
  query: paperRecord('2405.00001', { ...day, title: 'Kernel machines for classification', abstract: 'We study kernel machines for the classification of images.' }),
  a: paperRecord('2405.00002', { ...day, title: 'Kernel machines for images', abstract: 'We study kernel machines with a classifier of images.' }),
  b: paperRecord('2405.00003', { ...day, title: 'Kernel machines for images', abstract: 'We study kernel machines with a xylophonist of images.' }),
};

/** A date for papers added beside the twins. */
export const TWINS_DAY = day;
