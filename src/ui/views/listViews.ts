import { phoneNumberView } from './phoneNumberTree';
import { userView } from './userTree';
import type { ListViewDefinition } from './listViewDefinition';

/** Every list view, in the order of the manifest. A new list adds its definition here. */
export const LIST_VIEWS: readonly ListViewDefinition<unknown>[] = [phoneNumberView, userView];
