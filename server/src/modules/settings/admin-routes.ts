import type { ShopServices } from '../../compose';
import type { Handlers } from '../../http/routes';
import { adminSettings, changeShopSetting, sendTestMail } from './admin-settings';
import { setBakongToken } from './bakong-token';
import { saveMailSettings } from './mail-settings';

export function adminSettingHandlers(
  shop: ShopServices,
): Handlers<'getAdminSettings' | 'changeSetting' | 'setBakongToken' | 'setMailSettings' | 'sendTestMail'> {
  const { db, config, secrets } = shop;
  return {
    getAdminSettings: () => adminSettings(shop),
    changeSetting: ({ params, body, actor }) => changeShopSetting(db, params.key, body.value, actor),
    setBakongToken: ({ body, actor }) => setBakongToken(db, secrets, config.bakong, body.token, actor),
    setMailSettings: ({ body, actor }) => saveMailSettings(db, secrets, config, body, actor),
    sendTestMail: ({ user }) => sendTestMail(shop, user.email),
  };
}
