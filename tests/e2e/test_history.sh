#!/bin/bash
# Issue 13: the review of a security change before it is written, the
# change log of the editor's saves, undo, and a list that notices changes
# made on disk while it waits.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/e2e/tmux.sh
F=$XMPPFED_CONFIG
seed() { cp examples/partners.conf "$F"; rm -f "$F.log"; }

# fabrikam.com's form, focus on the partner type
to_type() { keys Enter; expect_screen "Partner type"; keys Tab Tab Tab; }

test_security_change_is_reviewed() {
  seed; start LOGNAME=carol SUDO_USER=
  to_type; keys Right; expect_screen "Partner type +\[public-verified"
  keys C-s; expect_screen "Review the change"
  expect_screen "Partner type: federated → public-verified"
  keys n; expect_screen "Not saved: back to the form"
  expect_screen "Partner type +\[public-verified"     # the form as it was
  xf show fabrikam.com; expect_out "^partner_type +federated$"
  keys C-s; expect_screen "Review the change"; keys y
  expect_screen "Saved fabrikam.com"
  xf show fabrikam.com; expect_out "^partner_type +public-verified$"
  xf log fabrikam.com; expect_rc 0
  expect_out "  carol  fabrikam\.com  partner_type: federated → public-verified$"
}

# A long value changed with a security setting (a description of 1001
# bytes, mostly two-byte letters) must not crowd the security change out of
# the review, nor end the review in half a letter (a stray \xNN).
test_review_shows_the_security_change_beside_a_long_value() {
  seed
  xf set fabrikam.com --description "a$(printf 'Ж%.0s' $(seq 500))"; expect_rc 0
  start
  to_type; keys Right                                  # and a security change
  keys BTab BTab; keys C-u                             # the description emptied
  keys C-s; expect_screen "Review the change"
  expect_screen "Partner type: federated → public-verified"
  expect_screen "Description: aЖ+…"
  expect_not_screen '\\x[0-9A-F]{2}'
  keys y; expect_screen "Saved fabrikam.com"
}

test_other_change_is_not_reviewed() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "plain"; keys C-s
  expect_screen "Saved fabrikam.com"; expect_not_screen "Review the change"
  xf log; expect_out "fabrikam\.com  description: Fabrikam.* → plain$"
}

test_undo_the_last_change() {
  seed; start LOGNAME=dave SUDO_USER=
  keys u; expect_screen "Nothing to undo: no change was saved"
  keys Enter; keys Tab; keys C-u; type_text "oops"; keys C-s
  expect_screen "Saved fabrikam.com"
  keys u; expect_screen "Undone: the last change"
  expect_screen "^fabrikam.com .*Fabrikam Inc"
  xf show fabrikam.com; expect_out "^description +Fabrikam Inc"
  xf log fabrikam.com
  expect_out "  dave  fabrikam\.com  description: oops → Fabrikam Inc"   # a new save, logged
  keys u; expect_screen "Undone"; expect_screen "^fabrikam.com .*oops"  # u again: redo
  xf show fabrikam.com; expect_out "^description +oops$"
  # a removal comes back whole, with the settings xmppfed does not know
  keys End; keys d; keys y; expect_screen "3 partners"
  keys u; expect_screen "Undone"; expect_screen "4 partners"
  xf show münchen.example; expect_rc 0
}

test_undo_refused_after_their_change() {
  seed; start
  keys Enter; keys Tab; keys C-u; type_text "mine"; keys C-s
  expect_screen "Saved fabrikam.com"
  xf set jabber.example.org --description theirs; expect_rc 0
  keys u; expect_screen "Not undone: the file was changed by someone else since"
  xf show fabrikam.com; expect_out "^description +mine$"
  xf show jabber.example.org; expect_out "^description +theirs$"
}

test_list_notices_changes_while_idle() {
  seed; start
  expect_screen "4 partners"
  xf set jabber.example.org --description "from the shell"; expect_rc 0
  # no key pressed: the list reads the file again by itself
  expect_screen "Changed on disk by someone else: the list shows the file" 4
  expect_screen "^jabber.example.org .*from the shell"
  xf add new.example; expect_rc 0
  expect_screen "5 partners" 4
  touch "$F"; sleep 1.5                      # a touch is no change
  keys j; expect_screen "5 partners"
}

run_tests
