import { ICON } from './icon';

/** The palette's "Call blocks" entry: opens the menu of blocks beside it. */
export default function CallBlocksPalette(palette, switchboardCallBlocksMenu) {
  this._menu = switchboardCallBlocksMenu;
  palette.registerProvider(this);
}

CallBlocksPalette.$inject = [ 'palette', 'switchboardCallBlocksMenu' ];

CallBlocksPalette.prototype.getPaletteEntries = function() {
  const menu = this._menu;
  return {
    'switchboard-call-blocks': {
      group: 'switchboard',
      className: 'switchboard-call-blocks',
      imageUrl: ICON,
      title: 'Call blocks: a call action with its outcomes, or a wait for an ACS event',
      action: {
        click(event) {
          const entry = event.delegateTarget || event.target;
          const bounds = entry.getBoundingClientRect();
          menu.open({ x: bounds.right + 8, y: bounds.top });
        }
      }
    }
  };
};
