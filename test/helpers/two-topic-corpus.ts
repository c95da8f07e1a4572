/**
 * Six tiny papers on two topics (machine translation, graph colouring) that share few words within a
 * topic: the smallest corpus on which a topic model must put each topic on its own direction.
 */
export const TWO_TOPIC_CORPUS: ReadonlyArray<readonly [title: string, abstract: string]> = [
  ['Neural machine translation', 'We translate sentences between languages with an encoder decoder network and attention.'],
  ['Attention for translation', 'An attention network improves machine translation of long sentences.'],
  ['Multilingual translation models', 'One network translates many languages; sentences share an encoder.'],
  ['Graph colouring heuristics', 'We colour the vertices of a graph with few colours using greedy heuristics.'],
  ['Vertex colouring of sparse graphs', 'Greedy colouring of graph vertices and bounds on the number of colours.'],
  ['Chromatic number bounds', 'Bounds on the chromatic number of graphs from greedy vertex colouring.'],
];
