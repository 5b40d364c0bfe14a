"""On a phone (390 px) the ☰ button opens the site's navigation and the contents button
the page's contents, and a tap beside them closes them again; on a wide screen the ☰
button folds the navigation away and back. The theme bound these clicks to hidden buttons
of its own: `_static/dd-nav.js` passes the visible buttons' clicks on to them."""

import pytest

pytestmark = pytest.mark.browser
PAGE = "chapters/definitions.html"  # a chapter with a contents list of its own sections

# what the reader can see of each dialog: open, on screen, and how many links it shows
STATE = """() => {
  const onScreen = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
      && getComputedStyle(e).visibility !== 'hidden';
  };
  const dialog = (id) => {
    const d = document.getElementById(id);
    const links = [...d.querySelectorAll('a')].filter(onScreen).length;
    return { open: d.open, shown: onScreen(d), links };
  };
  return {
    navigation: dialog('pst-primary-sidebar-modal'),
    contents: dialog('pst-secondary-sidebar-modal'),
    sidebarFolded: document.getElementById('pst-primary-sidebar')
      .classList.contains('pst-sidebar-hidden'),
  };
}"""
CLOSED = {"open": False, "shown": False, "links": 0}
NAVIGATION_CLOSED = "!state.navigation.open && !state.navigation.shown && !state.navigation.links"
CONTENTS_CLOSED = "!state.contents.open && !state.contents.shown && !state.contents.links"


def when(page, condition: str, arg=None) -> None:
    """Gives the page up to 5 s to reach `condition` (JavaScript, on the dialogs' `state`), so
    that the assertions after it read a settled page; if it never does, they say how not."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(
            f"(arg) => {{ const state = ({STATE})(); return {condition}; }}", arg=arg, timeout=5_000
        )
    except Timeout:
        pass


def open_page(browser, url: str, width: int, block_nav: bool = False):
    page = browser.new_page(viewport={"width": width, "height": 844}, has_touch=width < 600)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if block_nav:
        page.route("**/dd-nav.js*", lambda route: route.abort())
    page.goto(f"{url}/{PAGE}", wait_until="load")
    return page, errors


def visible_toggle(page, kind: str):
    """The ☰ (primary) or contents (secondary) button a reader sees in the page's header."""
    buttons = page.locator(f".{kind}-toggle")
    shown = [buttons.nth(i) for i in range(buttons.count()) if buttons.nth(i).is_visible()]
    assert len(shown) == 1, f"{len(shown)} visible {kind} toggles"
    return shown[0]


def test_phone_menu_and_contents_open_and_close(browser, site_url):
    page, errors = open_page(browser, site_url, 390)
    assert page.evaluate(STATE)["navigation"] == CLOSED
    visible_toggle(page, "primary").tap()
    when(page, "state.navigation.open && state.navigation.shown && state.navigation.links >= 8")
    state = page.evaluate(STATE)
    assert state["navigation"]["open"] and state["navigation"]["shown"]
    assert state["navigation"]["links"] >= 8, "the chapters are listed"
    # a tap beside the navigation closes it
    page.touchscreen.tap(385, 600)
    when(page, NAVIGATION_CLOSED)
    assert page.evaluate(STATE)["navigation"] == CLOSED

    visible_toggle(page, "secondary").tap()
    when(page, "state.contents.open && state.contents.shown && state.contents.links >= 2")
    state = page.evaluate(STATE)
    assert state["contents"]["open"] and state["contents"]["shown"]
    assert state["contents"]["links"] >= 2, "the page's sections are listed"
    page.touchscreen.tap(5, 600)
    when(page, CONTENTS_CLOSED)
    assert page.evaluate(STATE)["contents"] == CLOSED
    # no tooltip left standing over the header after a tap
    when(page, "!document.querySelector('.tooltip.show')")
    assert page.locator(".tooltip.show").count() == 0
    assert errors == []
    page.close()


def test_phone_menu_from_the_keyboard(browser, site_url):
    """Enter opens the navigation, Escape closes it, and focus is back on the button."""
    page, errors = open_page(browser, site_url, 390)
    toggle = visible_toggle(page, "primary")
    toggle.focus()
    page.keyboard.press("Enter")
    when(page, "state.navigation.open")
    assert page.evaluate(STATE)["navigation"]["open"]
    page.keyboard.press("Escape")
    when(page, f"{NAVIGATION_CLOSED} && document.activeElement === arg", toggle.element_handle())
    assert page.evaluate(STATE)["navigation"] == CLOSED
    assert toggle.evaluate("b => document.activeElement === b")
    assert errors == []
    page.close()


def test_wide_screen_menu_folds_the_navigation(browser, site_url):
    page, errors = open_page(browser, site_url, 1280)
    assert not page.evaluate(STATE)["sidebarFolded"]
    visible_toggle(page, "primary").click()
    assert page.evaluate(STATE)["sidebarFolded"]
    visible_toggle(page, "primary").click()
    assert not page.evaluate(STATE)["sidebarFolded"]
    assert errors == []
    page.close()


def test_without_the_fix_the_phone_menu_does_nothing(browser, site_url):
    """Negative control: the theme alone leaves the visible ☰ dead, as the test above would
    notice."""
    page, _errors = open_page(browser, site_url, 390, block_nav=True)
    visible_toggle(page, "primary").tap()
    page.wait_for_timeout(300)
    assert page.evaluate(STATE)["navigation"] == CLOSED
    page.close()
