import { api, type Me } from '../api.js';
import { h } from '../dom.js';
import type { Cleanup } from '../main.js';
import { parseCast } from '../replay/cast.js';
import { createPlayer } from '../replay/player.js';
import { linkTo } from '../router.js';

/** A lab's terminal recording played back (the learner's own, or any for an instructor), with its download. */
export async function renderReplay(main: HTMLElement, labId: string, me: Me): Promise<Cleanup> {
  const [details, text] = await Promise.all([api.lab(labId), api.recording(labId)]);
  const cast = parseCast(text);
  const player = createPlayer(cast);
  const whose = details.lab.learnerId === me.id ? 'your' : "the learner's";
  main.append(
    h(
      'section',
      { class: 'panel replay-page' },
      h('h1', {}, `Replay: ${details.scenario?.title ?? details.lab.scenarioId}`),
      h(
        'p',
        {},
        `What ${whose} terminal showed in lab ${labId}, pauses shortened. `,
        h('a', { href: `/labs/${labId}`, onclick: linkTo(`/labs/${labId}`) }, 'Back to the lab'),
        ' · ',
        h('a', { href: api.recordingUrl(labId), download: '' }, 'Download (asciicast v2)'),
      ),
      player.element,
    ),
  );
  return () => player.dispose();
}
