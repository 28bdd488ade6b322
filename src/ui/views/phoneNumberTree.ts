import * as vscode from 'vscode';
import { extensionIdOf, phoneNumberList as list } from '../../core/lists/phoneNumberList';
import type { PhoneNumber } from '../../core/schemas/phoneNumber';
import { Commands, ContextKeys, ContextValues, Views } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import { recordTooltip } from './format';
import { groupRows, type RowGroup } from './listGroups';
import type { ListTreeSpec } from './listTree';
import type { ListViewDefinition } from './listViewDefinition';

/** Key of the group of numbers nobody has; its subgroups are keyed `unassigned/<usage type>`. */
export const UNASSIGNED_GROUP = 'unassigned';

/** The Phone Numbers view. */
export const phoneNumberView: ListViewDefinition<PhoneNumber> = {
  viewId: Views.phoneNumbers,
  list: (model) => model.phoneNumbers,
  tree: phoneNumberTreeSpec,
  commands: { exportJson: Commands.exportPhoneNumbersJson, exportCsv: Commands.exportPhoneNumbersCsv, filter: Commands.filterPhoneNumbers, clearFilter: Commands.clearFilter },
  filterContextKey: ContextKeys.filtered,
  filterPrompt: { prompt: 'Show numbers whose number, label, extension, name, usage type or status contains this text. Empty shows all.', placeHolder: 'e.g. 650, Front desk, 101, Fax' },
};

/**
 * The Phone Numbers tree: the company numbers by usage type, then "Unassigned numbers" (numbers without an
 * extension, by usage type). A number in the last group is also in its usage type's group.
 */
export function phoneNumberTreeSpec(model: ExplorerModel): ListTreeSpec<PhoneNumber> {
  return {
    viewId: Views.phoneNumbers,
    rows: () => model.phoneNumbers.data?.records,
    key: list.key,
    search: (n) => ({ texts: list.searchText(n), numbers: list.phoneNumbers(n) }),
    groups: (rows) => {
      const groups: RowGroup<PhoneNumber>[] = groupRows(rows, list.groupOf, list.groupOrder, list.groupLabel);
      const unassigned = rows.filter((n) => extensionIdOf(n) === undefined);
      if (unassigned.length > 0) {
        groups.push({
          key: UNASSIGNED_GROUP,
          label: 'Unassigned Numbers',
          rows: [],
          subgroups: groupRows(unassigned, list.groupOf, list.groupOrder, list.groupLabel, `${UNASSIGNED_GROUP}/`),
        });
      }
      return groups;
    },
    rowItem: phoneNumberItem,
    decorateGroup: (group, item, depth) => {
      if (group.key === UNASSIGNED_GROUP) {
        item.iconPath = new vscode.ThemeIcon('circle-large-outline');
        // Its numbers are in the groups above too; it answers "which numbers are free?" when opened.
        item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        item.tooltip = 'Company numbers with no extension, by usage type. A direct number here is free to assign; company-level numbers (main, company, fax) ring the company call handling instead of a person.';
        return;
      }
      const usage = depth > 0 ? group.key.slice(UNASSIGNED_GROUP.length + 1) : group.key;
      item.contextValue = ContextValues.usageGroup;
      item.iconPath = new vscode.ThemeIcon(usage.includes('Fax') ? 'file-media' : usage.includes('Main') ? 'home' : 'symbol-numeric');
    },
  };
}

/** A number: its E.164 form, then extension, label and status; every field in the tooltip. */
export function phoneNumberItem(n: PhoneNumber): vscode.TreeItem {
  const item = new vscode.TreeItem(n.phoneNumber, vscode.TreeItemCollapsibleState.None);
  const assigned = extensionIdOf(n) !== undefined;
  // Company-level numbers have no extension by design; only a direct number without one is unassigned.
  const ext = n.extension?.extensionNumber ? `ext. ${n.extension.extensionNumber}` : n.usageType === 'DirectNumber' && !assigned ? 'unassigned' : undefined;
  item.description = [ext, n.extension?.name, n.label, n.status].filter(Boolean).join(' · ');
  item.tooltip = recordTooltip(n.phoneNumber, n);
  item.contextValue = assigned ? ContextValues.assignedPhoneNumber : ContextValues.phoneNumber;
  item.iconPath = new vscode.ThemeIcon(n.status && n.status !== 'Normal' ? 'warning' : 'call-outgoing');
  return item;
}
