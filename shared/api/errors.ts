/**
 * Every code a UserError carries, one union: stable for tests, the corpus expectations and the
 * CLI's JSON, so a new refusal names its code here or does not compile.
 */

/** Files the readers refuse (electron/read/refusals.ts words each). */
export type RefusalCode =
  | 'empty_file'
  | 'encrypted'
  | 'wps_et'
  | 'numbers'
  | 'truncated'
  | 'not_spreadsheet'
  | 'unsafe_content'
  | 'too_large'
  | 'too_many_cells'
  | 'too_much_text'
  | 'too_slow'
  | 'out_of_memory'
  | 'no_sheets'
  | 'unreadable'
  | 'unclosed_quote'
  | 'nul_in_text'
  | 'file_not_found'
  | 'is_directory'
  | 'not_a_file'
  | 'name_too_long'
  | 'no_permission'
  | 'read_failed';

/** A return read but not laid out, or a file not stored. */
type ImportCode = 'layout_unreadable' | 'no_year' | 'year_unsettled' | 'region_unsettled' | 'nothing_read' | 'duplicate_file' | 'preview_expired' | 'internal';

/** Opening, making, copying and holding a workbook file. */
type WorkbookCode =
  | 'not_a_workbook'
  | 'not_a_workbook_file'
  | 'target_is_source'
  | 'workbook_already_open'
  | 'workbook_bad_path'
  | 'workbook_busy'
  | 'workbook_cannot_open'
  | 'workbook_corrupt'
  | 'workbook_exists'
  | 'workbook_in_use'
  | 'workbook_is_directory'
  | 'workbook_lock_lost'
  | 'workbook_lock_stale'
  | 'workbook_modified_outside'
  | 'workbook_needs_upgrade'
  | 'workbook_no_access'
  | 'workbook_not_found'
  | 'workbook_not_writable'
  | 'workbook_open_in_other_window'
  | 'workbook_path_too_long'
  | 'workbook_read_only'
  | 'workbook_schema_invalid'
  | 'workbook_too_new'
  | 'schema_invalid_stands'
  | 'disk_full'
  | 'write_failed'
  | 'no_workbook';

/** An operation the workbook's state refuses, or an argument naming what is not there. */
type OperationCode =
  | 'already_signed_off'
  | 'already_withdrawn'
  | 'not_resolved'
  | 'already_resolved'
  | 'report_year'
  | 'report_kind'
  | 'not_signed_off'
  | 'not_withdrawn'
  | 'year_signed_off'
  | 'figures_differ_from_originals'
  | 'resolution_not_allowed'
  | 'note_required'
  | 'nothing_proposed'
  | 'nothing_selected'
  | 'overwrite_unconfirmed'
  | 'nothing_to_undo'
  | 'undo_stale'
  | 'unassigned_indicators'
  | 'csv_single_table'
  | 'bureau_exists'
  | 'finding_not_found'
  | 'return_not_found'
  | 'schema_not_found'
  | 'sheet_not_found'
  | 'unknown_bureau'
  | 'unknown_indicator'
  | 'indicator_edit_refused'
  | 'indicator_in_use'
  | 'rule_refused'
  | 'rule_not_found'
  | 'unknown_region'
  | 'no_bureaus';

/** A schema that cannot be read or used. */
type SchemaCode = 'schema_invalid' | 'schema_source_unsupported' | 'schema_unparsed' | 'pasted_line_too_long';

/** Arguments, paths and names the contract, the CLI or the shell refuse. */
type ArgumentCode =
  | 'invalid_argument'
  | 'usage'
  | 'bad_bureau'
  | 'bad_cell'
  | 'bad_choice'
  | 'bad_export_format'
  | 'bad_operator'
  | 'bad_path'
  | 'bad_region'
  | 'bad_subregions'
  | 'bad_target_year'
  | 'bad_workbook_name'
  | 'relative_path'
  | 'path_too_long'
  | 'path_not_chosen'
  | 'file_exists'
  | 'no_write_access';

/** The desktop shell, and the browser mode's server and page. */
type ShellCode =
  | 'dialog_busy'
  | 'forbidden_sender'
  | 'no_window'
  | 'renderer_not_built'
  | 'server_busy'
  | 'server_unreachable'
  | 'request_incomplete'
  | 'request_too_large'
  | 'request_too_deep'
  | 'forbidden_origin'
  | 'forbidden_token'
  | 'forbidden_host'
  | 'unknown_method'
  | 'unsupported_media'
  | 'method_not_allowed';

export type UserErrorCode = RefusalCode | ImportCode | WorkbookCode | OperationCode | SchemaCode | ArgumentCode | ShellCode;

/** Where a refused input sits, as precisely as known. */
export interface ErrorWhere {
  file?: string;
  sheet?: string;
  cell?: string;
}

/**
 * An input or a situation we refuse (a WPS .et file, a workbook in use, a bad argument).
 * The message is Chinese, says what happened and what to do; `code` is stable for tests and
 * for the corpus expectations. Everything that is not a UserError is a bug.
 */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly where: ErrorWhere;

  constructor(code: UserErrorCode, message: string, where: ErrorWhere = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.where = where;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
