// Shared fake data for the Deskmate demo workspace (console, order page, refund page).
// Everything here is invented. Times are relative to page load ("minutes/hours ago")
// so that the demo always looks current.

export const SHOP = {
  name: '悦衣坊官方旗舰店',
  platform: '千牛工作台（演示）',
};

export const AGENT = {
  name: '小林',
  jobNo: '8023',
};

export const BOT_NAME = '店铺机器人';
export const SYSTEM_NAME = '系统消息';

/** Dispute types used on the refund page: code -> label. */
export const DISPUTE_TYPES = {
  not_shipped: '未按约定时间发货',
  quality: '质量问题',
  fake: '假货/描述不符',
  refused_return: '拒绝退货/已收到货',
  not_received: '未收到货/签收争议',
  return_shipping: '退货运费争议',
  seven_day: '七天无理由',
};

/** Refund paths (退款路径) ①–④. */
export const REFUND_PATHS = {
  1: '① 未发货',
  2: '② 已发货未收到',
  3: '③ 已收货不退货',
  4: '④ 已收货退货',
};

/**
 * Orders. `*HoursAgo` fields are converted to absolute times by the pages.
 * `logistics.trackingNo` is '' for orders that have not shipped yet.
 */
export const ORDERS = [
  {
    orderNo: '3859201746682',
    buyer: '林晓雨',
    buyerNick: 'lin_xiaoyu_92',
    memberLevel: '超级会员 · 淘气值 1260',
    status: 'shipped',
    statusLabel: '卖家已发货（运输中）',
    placedHoursAgo: 98,
    items: [
      { title: '女款轻薄羽绒服 短款立领 90白鸭绒', sku: 'YF-2317', color: '雾霾蓝', size: 'M', qty: 1, price: 299.0 },
      { title: '羊毛混纺围巾 纯色流苏', sku: 'WJ-0812', color: '燕麦色', size: '均码', qty: 1, price: 59.0 },
    ],
    shippingFee: 0,
    discount: 20,
    discountLabel: '店铺券 满300减20',
    payMethod: '支付宝',
    address: {
      name: '林晓雨',
      phone: '138****5621',
      region: '四川省 成都市 武侯区',
      detail: '天府大道北段 1700 号 环球中心 W6 区 1203 室',
    },
    logistics: {
      courier: '顺丰速运',
      trackingNo: 'SF1402938475619',
      events: [
        { hoursAgo: 74, text: '【杭州市】顺丰速运 已收取快件' },
        { hoursAgo: 70, text: '快件到达【杭州萧山中转场】' },
        { hoursAgo: 52, text: '快件在【杭州萧山中转场】滞留，原因：中转延误' },
        { hoursAgo: 3, text: '快件已从【杭州萧山中转场】发出，下一站【成都双流中转场】' },
      ],
    },
    timeline: [
      { hoursAgo: 98, text: '买家下单' },
      { hoursAgo: 98, text: '买家付款' },
      { hoursAgo: 74, text: '卖家发货' },
      { hoursAgo: 26, text: '买家申请退款（未收到货）' },
      { hoursAgo: 2, text: '平台客服介入' },
    ],
    refund: {
      type: 'not_received',
      path: 2,
      amount: 338.0,
      statusLabel: '平台介入处理中',
      requestedHoursAgo: 26,
      intervenedHoursAgo: 2,
      reason: '未收到货',
      description: '下单四天了物流一直停在杭州，周末急着穿，客服说催了但一直没有更新，要求退款。',
      history: [
        { hoursAgo: 26, role: 'buyer', action: '发起退款申请', text: '退款原因：未收到货；退款金额 ¥338.00。' },
        { hoursAgo: 25, role: 'seller', action: '商家留言', text: '亲，包裹在杭州中转场延误，已联系顺丰加急，请再等 1–2 天。' },
        { hoursAgo: 6, role: 'buyer', action: '买家申请平台介入', text: '物流三天没动，商家只会让我等。' },
        { hoursAgo: 2, role: 'platform', action: '平台客服介入', text: '请商家在规定时间内上传物流凭证（快递公司书面反馈、签收证明等）。' },
      ],
    },
  },
  {
    orderNo: '3860417752913',
    buyer: '<img src=x onerror=alert(1)>小美',
    buyerNick: 'xiaomei_<b>vip</b>',
    memberLevel: '普通会员 · 淘气值 410',
    status: 'received',
    statusLabel: '交易成功（已确认收货）',
    placedHoursAgo: 120,
    items: [{ title: '法式碎花连衣裙 收腰中长款 V领', sku: 'LY-5521', color: '杏色', size: 'S', qty: 1, price: 189.0 }],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '花呗',
    address: { name: '小美', phone: '159****0937', region: '广东省 深圳市 南山区', detail: '科苑路 15 号 科兴科学园 B3 栋 502' },
    logistics: {
      courier: '圆通速递',
      trackingNo: 'YT7412093385561',
      events: [
        { hoursAgo: 100, text: '【杭州市】圆通速递 已揽收' },
        { hoursAgo: 80, text: '快件到达【深圳转运中心】' },
        { hoursAgo: 56, text: '【深圳市南山区】快递员正在派件' },
        { hoursAgo: 50, text: '已签收，签收人：本人' },
      ],
    },
    timeline: [
      { hoursAgo: 120, text: '买家下单' },
      { hoursAgo: 120, text: '买家付款' },
      { hoursAgo: 100, text: '卖家发货' },
      { hoursAgo: 50, text: '快递签收' },
      { hoursAgo: 0.7, text: '买家确认收货' },
      { hoursAgo: 0.3, text: '买家申请退货退款' },
    ],
    refund: {
      type: 'return_shipping',
      path: 4,
      amount: 189.0,
      statusLabel: '待商家处理',
      requestedHoursAgo: 0.3,
      intervenedHoursAgo: null,
      reason: '尺码不合适',
      description: '按详情页尺码表选的 S 码，胸围明显偏小，尺码表不准，退货运费应由商家承担。',
      history: [{ hoursAgo: 0.3, role: 'buyer', action: '发起退货退款申请', text: '退款原因：尺码不合适；要求商家承担退货运费 ¥12.00。' }],
    },
  },
  {
    orderNo: '3861129904457',
    buyer: '王建国',
    buyerNick: 'wjg_outdoor',
    memberLevel: '超级会员 · 淘气值 2380',
    status: 'received',
    statusLabel: '已签收（退款中）',
    placedHoursAgo: 240,
    items: [{ title: '男士三合一冲锋衣 加绒可拆卸内胆 防风防水', sku: 'CF-8806', color: '黑色', size: 'XL', qty: 1, price: 459.0 }],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '支付宝',
    address: { name: '王建国', phone: '137****2208', region: '北京市 朝阳区', detail: '望京街道 阜通东大街 6 号 方恒国际 C 座 1808' },
    logistics: {
      courier: '极兔速递',
      trackingNo: 'JT3098125567402',
      events: [
        { hoursAgo: 230, text: '【杭州市】极兔速递 已揽收' },
        { hoursAgo: 215, text: '快件到达【北京转运中心】' },
        { hoursAgo: 202, text: '【北京市朝阳区】快递员正在派件' },
        { hoursAgo: 200, text: '已签收，放置于 方恒国际 C 座前台' },
      ],
    },
    timeline: [
      { hoursAgo: 240, text: '买家下单' },
      { hoursAgo: 240, text: '买家付款' },
      { hoursAgo: 230, text: '卖家发货' },
      { hoursAgo: 200, text: '快递签收' },
      { hoursAgo: 80, text: '买家申请退货退款（质量问题）' },
      { hoursAgo: 30, text: '平台客服介入' },
    ],
    refund: {
      type: 'quality',
      path: 4,
      amount: 459.0,
      statusLabel: '平台介入，待商家举证',
      requestedHoursAgo: 80,
      intervenedHoursAgo: 30,
      reason: '质量问题',
      description: '第二次穿拉链头就脱落了，内胆压胶处开胶，要求退货退款，来回运费商家承担。',
      history: [
        { hoursAgo: 80, role: 'buyer', action: '发起退货退款申请', text: '退款原因：质量问题；上传图片 3 张。' },
        { hoursAgo: 60, role: 'seller', action: '商家拒绝', text: '拉链可免费更换，建议换货处理。' },
        { hoursAgo: 31, role: 'buyer', action: '买家申请平台介入', text: '不接受换货，要求退货退款。' },
        { hoursAgo: 30, role: 'platform', action: '平台客服介入', text: '请商家提供进货凭证、质检报告等，逾期将按买家举证处理。' },
      ],
    },
  },
  {
    orderNo: '3862075518820',
    buyer: '陈思琪',
    buyerNick: 'siqi_chen',
    memberLevel: '普通会员 · 淘气值 690',
    status: 'paid',
    statusLabel: '买家已付款（待发货）',
    placedHoursAgo: 0.92,
    items: [{ title: '高腰阔腿牛仔裤 垂感显瘦 直筒拖地', sku: 'NZ-3302', color: '浅蓝', size: '27', qty: 2, price: 139.0 }],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '支付宝',
    address: { name: '陈思琪', phone: '186****4410', region: '浙江省 杭州市 西湖区', detail: '文三路 478 号 华星时代广场 A 座 9 楼' },
    logistics: { courier: '', trackingNo: '', events: [] },
    timeline: [
      { hoursAgo: 0.92, text: '买家下单' },
      { hoursAgo: 0.92, text: '买家付款' },
      { hoursAgo: 0.25, text: '买家申请仅退款（未发货）' },
    ],
    refund: {
      type: 'seven_day',
      path: 1,
      amount: 278.0,
      statusLabel: '待商家处理',
      requestedHoursAgo: 0.25,
      intervenedHoursAgo: null,
      reason: '七天无理由（拍错/多拍）',
      description: '下单时满300减40的券没用上，先退款再凑单重新拍。',
      history: [{ hoursAgo: 0.25, role: 'buyer', action: '发起仅退款申请', text: '退款原因：拍错/多拍/不想要；退款金额 ¥278.00。' }],
    },
  },
  {
    orderNo: '3863390261174',
    buyer: '张浩然',
    buyerNick: 'haoran_z',
    memberLevel: '普通会员 · 淘气值 520',
    status: 'paid',
    statusLabel: '买家已付款（超时未发货）',
    placedHoursAgo: 75,
    items: [
      { title: '连帽运动卫衣 加厚抓绒 宽松', sku: 'WY-1120', color: '灰色', size: 'L', qty: 1, price: 169.0 },
      { title: '纯棉中筒袜 5双装', sku: 'WZ-0301', color: '混色', size: '均码', qty: 1, price: 29.9 },
    ],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '支付宝',
    address: { name: '张浩然', phone: '139****8830', region: '上海市 闵行区', detail: '七莘路 1588 弄 12 号 301 室' },
    logistics: { courier: '', trackingNo: '', events: [] },
    timeline: [
      { hoursAgo: 75, text: '买家下单' },
      { hoursAgo: 75, text: '买家付款（承诺 48 小时内发货）' },
      { hoursAgo: 27, text: '超过承诺发货时间' },
      { hoursAgo: 1, text: '买家申请退款（未按约定时间发货）' },
    ],
    refund: {
      type: 'not_shipped',
      path: 1,
      amount: 198.9,
      statusLabel: '待商家处理',
      requestedHoursAgo: 1,
      intervenedHoursAgo: null,
      reason: '未按约定时间发货',
      description: '承诺 48 小时发货，三天了还没发，先申请退款，发货了再撤销。',
      history: [
        { hoursAgo: 1, role: 'buyer', action: '发起仅退款申请', text: '退款原因：未按约定时间发货；退款金额 ¥198.90。' },
        { hoursAgo: 0.9, role: 'seller', action: '商家留言', text: '非常抱歉，仓库爆单，今天一定安排发出。' },
      ],
    },
  },
  // Two extra orders without a conversation, so every dispute type has a refund page.
  {
    orderNo: '3857716620398',
    buyer: '刘芳',
    buyerNick: 'liufang_1988',
    memberLevel: '超级会员 · 淘气值 1880',
    status: 'received',
    statusLabel: '交易成功（退款中）',
    placedHoursAgo: 300,
    items: [{ title: '桑蚕丝印花方巾 90×90cm', sku: 'SJ-0606', color: '墨绿', size: '90×90cm', qty: 1, price: 268.0 }],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '信用卡',
    address: { name: '刘芳', phone: '135****7712', region: '江苏省 南京市 鼓楼区', detail: '中山北路 88 号 2 单元 602' },
    logistics: {
      courier: '韵达快递',
      trackingNo: 'YD4312987734521',
      events: [
        { hoursAgo: 290, text: '【杭州市】韵达快递 已揽收' },
        { hoursAgo: 270, text: '快件到达【南京分拨中心】' },
        { hoursAgo: 262, text: '已签收，签收人：本人' },
      ],
    },
    timeline: [
      { hoursAgo: 300, text: '买家下单' },
      { hoursAgo: 300, text: '买家付款' },
      { hoursAgo: 290, text: '卖家发货' },
      { hoursAgo: 262, text: '快递签收' },
      { hoursAgo: 70, text: '买家申请部分退款（描述不符）' },
      { hoursAgo: 20, text: '平台客服介入' },
    ],
    refund: {
      type: 'fake',
      path: 3,
      amount: 80.0,
      statusLabel: '平台介入，待商家举证',
      requestedHoursAgo: 70,
      intervenedHoursAgo: 20,
      reason: '假货/描述不符',
      description: '页面写 100% 桑蚕丝，燃烧测试有塑料味，怀疑不是真丝，要求部分退款 80 元。',
      history: [
        { hoursAgo: 70, role: 'buyer', action: '发起仅退款申请', text: '退款原因：描述不符；退款金额 ¥80.00。' },
        { hoursAgo: 50, role: 'seller', action: '商家拒绝', text: '商品为桑蚕丝面料，附吊牌成分标识。' },
        { hoursAgo: 21, role: 'buyer', action: '买家申请平台介入', text: '吊牌不能证明成分。' },
        { hoursAgo: 20, role: 'platform', action: '平台客服介入', text: '请商家提供进货发票、品牌授权或第三方质检报告。' },
      ],
    },
  },
  {
    orderNo: '3858802147765',
    buyer: '赵磊',
    buyerNick: 'zhaolei_wh',
    memberLevel: '普通会员 · 淘气值 330',
    status: 'received',
    statusLabel: '交易成功（退款中）',
    placedHoursAgo: 400,
    items: [{ title: '男士商务正装皮鞋 头层牛皮 系带', sku: 'PX-7719', color: '黑色', size: '42', qty: 1, price: 399.0 }],
    shippingFee: 0,
    discount: 0,
    discountLabel: '',
    payMethod: '支付宝',
    address: { name: '赵磊', phone: '133****6654', region: '湖北省 武汉市 洪山区', detail: '珞喻路 1037 号 东区 7 栋 410' },
    logistics: {
      courier: '中通快递',
      trackingNo: '75310293848571',
      events: [
        { hoursAgo: 390, text: '【杭州市】中通快递 已揽收' },
        { hoursAgo: 370, text: '快件到达【武汉转运中心】' },
        { hoursAgo: 360, text: '已签收，签收人：门卫' },
      ],
    },
    timeline: [
      { hoursAgo: 400, text: '买家下单' },
      { hoursAgo: 400, text: '买家付款' },
      { hoursAgo: 390, text: '卖家发货' },
      { hoursAgo: 360, text: '快递签收' },
      { hoursAgo: 120, text: '买家申请退货退款' },
      { hoursAgo: 44, text: '平台客服介入' },
    ],
    refund: {
      type: 'refused_return',
      path: 4,
      amount: 399.0,
      statusLabel: '平台介入，待商家举证',
      requestedHoursAgo: 120,
      intervenedHoursAgo: 44,
      reason: '不想要了',
      description: '鞋子有点磨脚，申请退货。',
      history: [
        { hoursAgo: 120, role: 'buyer', action: '发起退货退款申请', text: '退款原因：不想要了；退款金额 ¥399.00。' },
        { hoursAgo: 96, role: 'seller', action: '商家拒绝退货', text: '退回商品鞋底有明显磨损，已穿着外出，影响二次销售。' },
        { hoursAgo: 45, role: 'buyer', action: '买家申请平台介入', text: '只在家试穿过。' },
        { hoursAgo: 44, role: 'platform', action: '平台客服介入', text: '请商家提供收到退货时的商品状态照片及留言记录。' },
      ],
    },
  },
];

/**
 * Conversations in the console. `history[].minAgo` is minutes before the first page load.
 * `queue` holds scripted customer messages the scheduler sends one by one.
 * `bot: true` means the shop bot auto-replies ~1 s after each scheduled customer message.
 */
export const CONVERSATIONS = [
  {
    id: 'c-1001',
    buyer: '林晓雨',
    orderNo: '3859201746682',
    bot: false,
    unread: 0,
    history: [
      { sender: 'system', minAgo: 52, text: '买家通过订单 3859201746682 发起咨询' },
      { sender: 'customer', minAgo: 50.5, text: '你好，我的羽绒服四天前就发货了，怎么物流一直没动？' },
      { sender: 'agent', minAgo: 48, text: '您好，工号8023小林为您服务~ 亲，我这边马上帮您查询物流，请稍等。' },
      { sender: 'agent', minAgo: 45, text: '亲，查到您的包裹在顺丰杭州中转场，已经联系快递加急处理了，今天内给您答复。' },
      { sender: 'customer', minAgo: 12, text: '好的，那我再等等' },
      { sender: 'customer', minAgo: 6, text: '都下午了还是没更新，物流太慢了吧' },
    ],
    queue: [
      '到底什么时候能到？我周末要穿的',
      '能不能帮我催一下快递，给个准话',
      '单号 SF1402938475619 我自己查也一直在中转',
      '要是明天还不到我就申请退款了',
    ],
  },
  {
    id: 'c-1002',
    buyer: '<img src=x onerror=alert(1)>小美',
    orderNo: '3860417752913',
    bot: true,
    unread: 2,
    history: [
      { sender: 'system', minAgo: 42, text: '买家已确认收货' },
      { sender: 'customer', minAgo: 40, text: '在吗？裙子收到了，S码穿着胸围有点紧' },
      { sender: 'bot', minAgo: 39.98, text: '亲，您好，客服正在快马加鞭赶来，请稍候~' },
      { sender: 'agent', minAgo: 35, text: '亲亲您好，非常抱歉给您带来不便~ 请问您身高体重大概多少呢？' },
      { sender: 'customer', minAgo: 33, text: '163，52kg，平时穿S' },
      { sender: 'agent', minAgo: 30, text: '亲，这款偏修身，按您的情况建议换M码哦~' },
      { sender: 'customer', minAgo: 9, text: '那M码还有杏色吗？还是我直接退了重新拍' },
      { sender: 'customer', minAgo: 8, text: '你们详情页尺码表写S码胸围86，明明不对' },
    ],
    queue: [
      '我看杏色M显示缺货了，什么时候补货？',
      '换成蓝色的可以吗，蓝色和图片色差大不大',
      '算了我还是退货吧，退货运费你们出吗？',
      '尺码表不准是你们的问题，运费险我没买',
    ],
  },
  {
    id: 'c-1003',
    buyer: '王建国',
    orderNo: '3861129904457',
    bot: false,
    unread: 1,
    history: [
      { sender: 'system', minAgo: 58, text: '平台客服已介入退款纠纷（质量问题）' },
      { sender: 'customer', minAgo: 57, text: '冲锋衣拉链第二次穿就坏了，内胆还开胶' },
      {
        sender: 'agent',
        minAgo: 55,
        text: '王先生您好，非常抱歉给您带来不好的体验！麻烦您拍一下拉链和开胶位置的照片发给我们，我们马上为您处理。',
      },
      { sender: 'customer', minAgo: 54, text: '[图片] [图片] [图片]' },
      { sender: 'agent', minAgo: 50, text: '收到照片了，真的非常抱歉。请问您是希望换新还是退货退款呢？' },
      { sender: 'customer', minAgo: 20, text: '我要退货退款，小二已经介入了，你们快点处理' },
    ],
    queue: [
      '退货地址发我一下',
      '质量问题退货，运费我先垫付，你们给我报销吗？',
      '退货已经寄出了，中通 78295501736284',
      '什么时候能收到退款？这质量也太差了',
    ],
  },
  {
    id: 'c-1004',
    buyer: '陈思琪',
    orderNo: '3862075518820',
    bot: true,
    unread: 1,
    history: [
      { sender: 'system', minAgo: 55, text: '买家已下单（订单 3862075518820）' },
      { sender: 'customer', minAgo: 54, text: '你好，我刚拍的两条牛仔裤，满300减40的券怎么没用上？' },
      { sender: 'bot', minAgo: 53.98, text: '亲，您好，客服正在快马加鞭赶来，请稍候~' },
      { sender: 'agent', minAgo: 50, text: '您好，工号8023小林为您服务~ 亲，满300减40需要实付满300元哦，您这单是278元，差一点点呢~' },
      { sender: 'customer', minAgo: 47, text: '那我再加一件T恤能用吗' },
      { sender: 'agent', minAgo: 45, text: '可以的亲，凑单满300就能用，店铺首页还有满199减20的券可以领哦~' },
      { sender: 'system', minAgo: 15, text: '买家申请仅退款（七天无理由，未发货）' },
      { sender: 'customer', minAgo: 14, text: '我先退了重新拍，这样能用券吧' },
    ],
    queue: ['重新拍的话，之前的退款多久到账？', '今晚八点直播间还有别的活动吗', '领了券显示"不可用"，是不是限定商品', '会员积分能抵现吗'],
  },
  {
    id: 'c-1005',
    buyer: '张浩然',
    orderNo: '3863390261174',
    bot: false,
    unread: 1,
    history: [
      { sender: 'system', minAgo: 60, text: '买家申请退款（未按约定时间发货）' },
      { sender: 'customer', minAgo: 59, text: '都三天了还没发货，说好48小时发的' },
      { sender: 'agent', minAgo: 56, text: '张先生您好，非常抱歉让您久等了！仓库这两天爆单，您的订单今天一定安排发出。' },
      { sender: 'customer', minAgo: 40, text: '那我先不撤退款，等发货再说' },
      { sender: 'customer', minAgo: 25, text: '对了，地址能改一下吗？我要改成公司地址' },
    ],
    queue: [
      '新地址：上海市浦东新区张江路 88 号 5 号楼 1203 室，张浩然，138 0013 8000',
      '改好了吗？麻烦发个截图确认一下',
      '今天几点能发出？',
      '发的什么快递，能发顺丰吗',
    ],
  },
];

/** Automatic replies of the shop bot, chosen by keyword (first match wins). */
export const BOT_REPLIES = [
  { match: /补货|缺货/, text: '亲，缺货款式预计3-5天补货，可以点击商品页“到货提醒”哦~' },
  { match: /尺码|码/, text: '亲，尺码建议请参考详情页尺码表，把身高体重告诉客服可以为您推荐哦~' },
  { match: /退货|运费/, text: '亲，退货请在订单页申请，质量问题退货运费由店铺承担，七天无理由退货运费由买家承担哦~' },
  { match: /券|活动|直播|积分/, text: '亲，店铺活动请关注首页海报，领券中心每天10点更新~' },
];
export const BOT_DEFAULT_REPLY = '亲，您好，客服正在快马加鞭赶来，请稍候~';

export function botReplyFor(text) {
  const hit = BOT_REPLIES.find((r) => r.match.test(text));
  return hit ? hit.text : BOT_DEFAULT_REPLY;
}

/** Strict lookup; undefined when unknown. */
export function findOrder(orderNo) {
  return ORDERS.find((o) => o.orderNo === String(orderNo ?? '').trim());
}

/** Lookup with fallback to the first order (used by order.html / refund.html). */
export function getOrder(orderNo) {
  return findOrder(orderNo) ?? ORDERS[0];
}

export function conversationForOrder(orderNo) {
  return CONVERSATIONS.find((c) => c.orderNo === orderNo);
}

export function orderTotals(order) {
  const goods = order.items.reduce((sum, it) => sum + it.price * it.qty, 0);
  const paid = goods + order.shippingFee - order.discount;
  return { goods, shipping: order.shippingFee, discount: order.discount, paid };
}
